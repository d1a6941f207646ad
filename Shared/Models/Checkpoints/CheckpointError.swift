/// A checkpoint that cannot be read or written, naming the file, the tensor (when known) and the problem.
public struct CheckpointError: Error, CustomStringConvertible, Sendable {
    /// What kind of problem was found, for callers and tests that branch on it.
    public enum Kind: String, Sendable, Equatable {
        /// The file could not be opened, mapped or created.
        case unreadable
        /// The file ends before a structure it declares.
        case truncated
        /// The header is not in the format (bad magic, version, JSON or field types).
        case malformedHeader
        /// A tensor's data lies outside the data section, overlaps another, or is misaligned.
        case badOffsets
        /// A tensor's byte count does not match its shape and element type.
        case sizeMismatch
        /// The element type is valid in the format but not one this engine computes with.
        case unsupportedType
        /// The element type id is not defined by the format at all.
        case unknownType
        /// A count or length is larger than the file could possibly hold.
        case limitExceeded
        /// A name or string is not valid UTF-8, or is otherwise unusable.
        case invalidName
        /// A tensor's shape cannot be used the way the caller asked (for example as a matrix).
        case invalidShape
        /// A tensor the caller asked for is not in the checkpoint.
        case missingTensor
        /// A metadata key the caller asked for is absent.
        case missingKey
        /// A metadata value has a different type than the caller asked for.
        case wrongValueType
        /// The caller passed a tensor or value the format cannot hold.
        case invalidArgument
        /// Writing the file failed.
        case writeFailed
    }

    /// The problem's category.
    public let kind: Kind
    /// The file the problem was found in.
    public let file: String
    /// The tensor concerned, when the problem is about one tensor.
    public let tensor: String?
    /// A sentence saying what was wrong, with the numbers involved.
    public let detail: String

    /// Makes an error; `detail` should say what was expected and what was found.
    public init(_ kind: Kind, file: String, tensor: String? = nil, _ detail: String) {
        self.kind = kind
        self.file = file
        self.tensor = tensor
        self.detail = detail
    }

    /// "FILE: tensor 'NAME': DETAIL", the form a user sees.
    public var description: String {
        if let tensor {
            return "\(file): tensor '\(tensor)': \(detail)"
        }
        return "\(file): \(detail)"
    }
}
