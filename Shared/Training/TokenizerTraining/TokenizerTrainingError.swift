/// A problem found while collecting a corpus, training a tokenizer or writing its files, with a
/// message naming the file or setting and what is wrong.
public struct TokenizerTrainingError: Error, CustomStringConvertible, Equatable {
    /// The file, directory or setting the problem concerns.
    public let subject: String
    /// What is wrong with it.
    public let problem: String

    /// An error about `subject`.
    public init(subject: String, problem: String) {
        self.subject = subject
        self.problem = problem
    }

    /// The subject and the problem, as one line for the user.
    public var description: String { "\(subject): \(problem)" }
}
