/// A corpus divided by file into a training part and a validation part.
public struct CorpusSplit: Sendable {
    /// The files trained on.
    public let train: PythonCorpus
    /// The files held out, to measure compression on text the tokenizer has not seen.
    public let validation: PythonCorpus
    /// The seed that chose the validation files.
    public let seed: UInt64
    /// The share of files held out.
    public let validationFraction: Double
}
