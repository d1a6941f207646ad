/// Why pass@k evaluation could not start.
public enum PassAtKError: Error, Equatable, CustomStringConvertible {
    /// A sample's task id is not among the problems.
    case unknownTask(String, sampleIndex: Int)

    /// A message naming the offending sample.
    public var description: String {
        switch self {
        case .unknownTask(let id, let index): return "sample \(index + 1) names task \"\(id)\", which the problems file does not have"
        }
    }
}
