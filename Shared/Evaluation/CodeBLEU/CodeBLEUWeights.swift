/// The weights of CodeBLEU's four parts (codebleu's alpha, beta, gamma, theta).
public struct CodeBLEUWeights: Sendable, Equatable, Codable {
    /// Weight of the n-gram match.
    public var ngram: Double
    /// Weight of the keyword-weighted n-gram match.
    public var weightedNgram: Double
    /// Weight of the syntax-tree match.
    public var syntax: Double
    /// Weight of the data-flow match.
    public var dataflow: Double

    /// Makes a set of weights.
    public init(ngram: Double, weightedNgram: Double, syntax: Double, dataflow: Double) {
        self.ngram = ngram
        self.weightedNgram = weightedNgram
        self.syntax = syntax
        self.dataflow = dataflow
    }

    /// codebleu's default: 0.25 each.
    public static let standard = CodeBLEUWeights(ngram: 0.25, weightedNgram: 0.25, syntax: 0.25, dataflow: 0.25)
}
