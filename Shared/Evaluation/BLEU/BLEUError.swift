/// Why BLEU could not be computed for the given input.
public enum BLEUError: Error, Equatable, CustomStringConvertible {
    /// The corpus has no hypotheses.
    case emptyCorpus
    /// No reference stream was given.
    case noReferences
    /// A reference stream does not have one line per hypothesis.
    case referenceCountMismatch(stream: Int, lines: Int, hypotheses: Int)

    /// A message a user can act on.
    public var description: String {
        switch self {
        case .emptyCorpus:
            return "BLEU: the corpus has no hypotheses"
        case .noReferences:
            return "BLEU: no reference stream was given"
        case .referenceCountMismatch(let stream, let lines, let hypotheses):
            return "BLEU: reference stream \(stream) has \(lines) lines but there are \(hypotheses) hypotheses"
        }
    }
}
