/// Why a CodeBLEU score could not be computed.
public enum CodeBLEUError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reference and candidate lists differ in length.
    case countMismatch(references: Int, candidates: Int)
    /// There was nothing to score.
    case emptyCorpus

    /// A message naming the problem.
    public var description: String {
        switch self {
        case let .countMismatch(references, candidates):
            return "CodeBLEU needs one reference entry per candidate, got \(references) references and \(candidates) candidates"
        case .emptyCorpus:
            return "CodeBLEU needs at least one (reference, candidate) pair"
        }
    }
}
