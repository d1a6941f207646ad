extension CodeTaskFamily {
    /// Replaces each `{key}` in `template` with its value.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var text = template
        for (key, value) in values { text = text.replacingOccurrences(of: "{\(key)}", with: value) }
        return text
    }

    /// Every family, in a fixed order (the order is part of what a seed reproduces).
    static let all: [CodeTaskFamily] = strings + lists + dictionaries + math + parsing
}
