/// Why Python source could not be tokenized or parsed, with the line it happened on.
public struct PythonSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line of the problem.
    public var line: Int
    /// What was wrong.
    public var message: String

    /// Makes an error for the given line.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// A message naming the line and the problem.
    public var description: String { "Python syntax error on line \(line): \(message)" }
}
