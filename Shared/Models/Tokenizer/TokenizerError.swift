/// A tokenizer file or metadata that cannot be used, naming where the problem is.
public struct TokenizerError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file or metadata the problem was found in, such as a tokenizer.json path.
    public let source: String
    /// The field holding the bad value, such as `pre_tokenizer.pretokenizers[0].pattern`.
    public let field: String
    /// What is wrong with the value, in words a user can act on.
    public let problem: String

    /// Creates an error for `problem` in `field` of `source`.
    public init(source: String, field: String, problem: String) {
        self.source = source
        self.field = field
        self.problem = problem
    }

    /// The error as one line: source, field and problem.
    public var description: String {
        field.isEmpty ? "\(source): \(problem)" : "\(source): \(field): \(problem)"
    }
}
