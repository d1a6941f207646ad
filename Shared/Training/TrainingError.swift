/// Errors raised while preparing or running training: bad data, shapes, adapter files, options.
///
/// Each case carries a message that names the file, field or tensor and says what was wrong.
public enum TrainingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A value or combination of values that cannot be trained on (shapes, token ids, options).
    case invalidArgument(String)
    /// A data file (JSONL) that cannot be read; the message names the file and line.
    case invalidData(String)
    /// An adapter directory, config or tensor that does not fit PEFT's format or the model.
    case invalidAdapter(String)

    /// The message, ready to show a user.
    public var description: String {
        switch self {
        case .invalidArgument(let message): return "invalid argument: \(message)"
        case .invalidData(let message): return message
        case .invalidAdapter(let message): return message
        }
    }
}
