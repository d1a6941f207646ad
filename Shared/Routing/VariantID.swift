/// The names variants go by: `base`, `merged`, `q8`, `q4`, `lora.<adapter>`, `qlora.<adapter>`.
///
/// A variant's name is also its routing key on `lce.inference` and its queue's suffix
/// (`inference.<variant>`), so it is checked before it reaches the broker.
public enum VariantID {
    /// Variants that take no adapter name.
    public static let plain: Set<String> = ["base", "merged", "q8", "q4"]
    /// Prefixes of variants that name an adapter.
    public static let adapterPrefixes = ["lora.", "qlora."]

    /// Returns nil when `name` is a valid variant id, else why it is not.
    public static func problem(with name: String) -> String? {
        if plain.contains(name) { return nil }
        guard let prefix = adapterPrefixes.first(where: { name.hasPrefix($0) }) else {
            return "unknown variant '\(name)': use base, merged, q8, q4, lora.<adapter> or qlora.<adapter>"
        }
        let adapter = name.dropFirst(prefix.count)
        guard !adapter.isEmpty, adapter.count <= 64,
              adapter.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return "variant '\(name)': the adapter name must be 1-64 letters, digits, '-' or '_'"
        }
        return nil
    }
}
