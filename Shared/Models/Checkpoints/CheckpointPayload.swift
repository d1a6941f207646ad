/// The bytes of one tensor a writer will emit: an owned copy or a borrowed buffer kept alive by its owner.
enum CheckpointPayload {
    case owned([UInt8])
    case borrowed(UnsafeRawBufferPointer, owner: AnyObject?)

    var count: Int {
        switch self {
        case .owned(let bytes): return bytes.count
        case .borrowed(let buffer, _): return buffer.count
        }
    }

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch self {
        case .owned(let bytes): return try bytes.withUnsafeBytes(body)
        case .borrowed(let buffer, let owner):
            return try withExtendedLifetime(owner) { try body(buffer) }
        }
    }
}
