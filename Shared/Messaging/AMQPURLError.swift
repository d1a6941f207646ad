/// Why an AMQP URL (such as the `AMQP_URL` environment variable) could not be used.
public struct AMQPURLError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The URL as given, with any password replaced by `***`.
    public let url: String
    /// What is wrong with it, in words a user can act on.
    public let problem: String

    /// Creates an error for `url` (redacted before it is stored) and its `problem`.
    public init(url: String, problem: String) {
        self.url = AMQPURL.redact(url)
        self.problem = problem
    }

    /// The message shown to the user.
    public var description: String { "AMQP URL '\(url)': \(problem)" }
}
