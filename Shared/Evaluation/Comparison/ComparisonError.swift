/// Why a comparison could not run or a variant could not be evaluated.
public enum ComparisonError: Error, Equatable, CustomStringConvertible {
    /// A variant id that cannot be parsed, with what is wrong.
    case invalidVariant(String, reason: String)
    /// A variant this build cannot make yet, or whose inputs are missing.
    case variantUnavailable(String, reason: String)
    /// A setting out of range.
    case invalidSetting(name: String, reason: String)
    /// No tasks to evaluate.
    case emptyDataset(String)

    /// A message naming the variant or setting.
    public var description: String {
        switch self {
        case .invalidVariant(let variant, let reason): return "variant '\(variant)': \(reason)"
        case .variantUnavailable(let variant, let reason): return "variant \(variant): \(reason)"
        case .invalidSetting(let name, let reason): return "\(name): \(reason)"
        case .emptyDataset(let name): return "dataset \(name): no tasks to evaluate"
        }
    }
}
