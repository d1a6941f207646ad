/// Why a model could not be loaded or run; each message names the file, tensor or field at fault.
public enum ModelError: Error, CustomStringConvertible, Equatable {
    /// A tensor the family needs is not in the checkpoint.
    case missingTensor(source: String, name: String)
    /// A tensor's shape disagrees with the configuration.
    case shapeMismatch(source: String, name: String, expected: [Int], found: [Int])
    /// A configuration field is absent, inconsistent or out of range.
    case invalidConfiguration(source: String, field: String, problem: String)
    /// The checkpoint uses something this engine does not implement.
    case unsupported(source: String, feature: String)
    /// The tokens do not fit in the session's context.
    case contextOverflow(tokens: Int, position: Int, capacity: Int)
    /// A token id is not in the vocabulary.
    case tokenOutOfRange(token: Int, vocabularySize: Int)
    /// A forward call was given no tokens.
    case emptyInput

    /// The message, naming the file, tensor or field at fault.
    public var description: String {
        switch self {
        case let .missingTensor(source, name):
            return "\(source): tensor \(name) is missing"
        case let .shapeMismatch(source, name, expected, found):
            return "\(source): tensor \(name) has shape \(found), the configuration implies \(expected)"
        case let .invalidConfiguration(source, field, problem):
            return "\(source): \(field) \(problem)"
        case let .unsupported(source, feature):
            return "\(source): \(feature) is not supported"
        case let .contextOverflow(tokens, position, capacity):
            return "\(tokens) tokens at position \(position) do not fit in the context of \(capacity) tokens"
                + " (the prompt is longer than the context: shorten it or raise the context length)"
        case let .tokenOutOfRange(token, vocabularySize):
            return "token id \(token) is outside the vocabulary of \(vocabularySize) tokens"
        case .emptyInput:
            return "a forward pass needs at least one token"
        }
    }
}
