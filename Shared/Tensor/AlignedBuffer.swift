/// A zero-filled, 64-byte-aligned heap allocation freed when the last reference goes away.
///
/// Owns the bytes of weight matrices and tensors made in-process; 64-byte alignment keeps
/// every row start on a cache line and suits the widest vector loads.
public final class AlignedBuffer: @unchecked Sendable {
    /// The first byte.
    public let bytes: UnsafeMutableRawPointer
    /// Size in bytes.
    public let byteCount: Int

    /// Allocates `byteCount` zeroed bytes (at least one, so the pointer is always valid).
    public init(byteCount: Int) {
        let size = max(byteCount, 1)
        bytes = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        bytes.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        self.byteCount = byteCount
    }

    deinit { bytes.deallocate() }
}
