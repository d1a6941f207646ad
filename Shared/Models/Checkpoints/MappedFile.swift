#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory, so checkpoints stay on disk and pages load on demand.
///
/// Every access is bounds-checked against the file's size at open time. The mapping is
/// private and read-only; it is released when the last reference (for example a
/// `WeightMatrix.owner`) goes away. Checkpoints are treated as immutable: a file that another
/// process truncates while it is mapped faults on access, which no reader of a mapping can prevent.
public final class MappedFile: @unchecked Sendable {
    /// The path the file was opened from, used in every error message.
    public let path: String
    /// The file's size in bytes.
    public let count: Int
    /// The first mapped byte, or nil for an empty file.
    private let base: UnsafeRawPointer?

    /// Maps the file at `path`; throws `.unreadable` when it cannot be opened or mapped.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CheckpointError(.unreadable, file: path, "cannot open: \(MappedFile.lastErrorText())")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw CheckpointError(.unreadable, file: path, "cannot stat: \(MappedFile.lastErrorText())")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw CheckpointError(.unreadable, file: path, "not a regular file")
        }
        let size = Int(info.st_size)
        count = size
        if size == 0 {
            base = nil
            return
        }
        let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let mapped, mapped != MAP_FAILED else {
            throw CheckpointError(.unreadable, file: path, "cannot map \(size) bytes: \(MappedFile.lastErrorText())")
        }
        base = UnsafeRawPointer(mapped)
    }

    deinit {
        if let base {
            munmap(UnsafeMutableRawPointer(mutating: base), count)
        }
    }

    /// True when `count` bytes starting at `offset` lie inside the file (with no overflow).
    public func contains(offset: Int, count length: Int) -> Bool {
        guard offset >= 0, length >= 0, offset <= count else { return false }
        return length <= count - offset
    }

    /// The `length` bytes at `offset`, or a `.truncated` error naming `what` when they run past the end.
    /// The buffer is valid only while this object is alive: keep a reference for as long as you use it.
    public func bytes(at offset: Int, count length: Int, what: @autoclosure () -> String = "data",
                      tensor: String? = nil) throws -> UnsafeRawBufferPointer {
        guard contains(offset: offset, count: length) else {
            throw CheckpointError(.truncated, file: path, tensor: tensor,
                                  "\(what()) at bytes \(offset)..<\(offset &+ length) runs past the end of the \(count)-byte file")
        }
        guard let base else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base + offset, count: length)
    }

    /// A pointer to the byte at `offset` for handing to a `WeightMatrix`; callers check bounds first.
    func pointer(at offset: Int) -> UnsafeRawPointer? {
        guard let base, offset >= 0, offset <= count else { return nil }
        return base + offset
    }

    private static func lastErrorText() -> String {
        String(cString: strerror(errno))
    }
}
