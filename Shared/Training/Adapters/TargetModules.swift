import Foundation

/// PEFT's target_modules: a list of module names, one regular expression, or "all-linear".
public enum TargetModules: Sendable, Equatable {
    /// A module is targeted when its path equals a name or ends with "." + name.
    case names([String])
    /// A module is targeted when the whole path matches the expression (Python's re.fullmatch).
    case pattern(String)
    /// Every linear module except the output head.
    case allLinear

    /// The modules of `layout` these targets select, in model order.
    ///
    /// A listed name that matches nothing, or a pattern that matches nothing, is an error naming
    /// it (PEFT refuses the same configuration); `source` prefixes the message ("adapter_config.json").
    public func resolve(in layout: LoRAModelLayout, source: String) throws -> [LoRAModelLayout.Module] {
        switch self {
        case .allLinear:
            return layout.modules
        case .names(let names):
            guard !names.isEmpty else { throw TrainingError.invalidAdapter("\(source): target_modules is an empty list") }
            for name in names where !layout.modules.contains(where: { Self.matches(path: $0.path, name: name) }) {
                let where_ = layout.modules.first?.layer.map { "\(layout.displayName) layer \($0)" } ?? layout.displayName
                throw TrainingError.invalidAdapter("\(source): target_modules names \(name), which \(where_) does not have")
            }
            return layout.modules.filter { module in names.contains { Self.matches(path: module.path, name: $0) } }
        case .pattern(let pattern):
            let expression: NSRegularExpression
            do {
                expression = try NSRegularExpression(pattern: "^(?:\(pattern))$")
            } catch {
                throw TrainingError.invalidAdapter("\(source): target_modules \"\(pattern)\" is not a valid regular expression")
            }
            let selected = layout.modules.filter { module in
                expression.firstMatch(in: module.path, range: NSRange(module.path.startIndex..., in: module.path)) != nil
            }
            guard !selected.isEmpty else {
                throw TrainingError.invalidAdapter("\(source): target_modules \"\(pattern)\" matches no module of \(layout.displayName)")
            }
            return selected
        }
    }

    /// PEFT's rule for a listed name: the whole path, or its last components after a dot.
    static func matches(path: String, name: String) -> Bool {
        path == name || path.hasSuffix("." + name)
    }
}
