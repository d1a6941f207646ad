#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file being written next to its destination and renamed into place only when complete,
/// so a crash or a full disk never leaves a half-written checkpoint under the real name.
final class CheckpointOutputFile {
    let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private(set) var written = 0

    init(path: String) throws {
        self.path = path
        temporaryPath = path + ".partial"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CheckpointError(.writeFailed, file: path, "cannot create \(temporaryPath): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let result = posixWrite(descriptor, next, min(left, 1 << 30))
            if result < 0 {
                if errno == EINTR { continue }
                throw CheckpointError(.writeFailed, file: path, "write failed after \(written) bytes: \(String(cString: strerror(errno)))")
            }
            next += result
            left -= result
            written += result
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func writeZeros(_ count: Int) throws {
        guard count > 0 else { return }
        try write([UInt8](repeating: 0, count: count))
    }

    /// Flushes, closes and renames the file into place.
    func finish() throws {
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            descriptor = -1
            unlink(temporaryPath)
            throw CheckpointError(.writeFailed, file: path, "cannot flush: \(reason)")
        }
        descriptor = -1
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw CheckpointError(.writeFailed, file: path, "cannot rename \(temporaryPath) into place: \(reason)")
        }
    }
}

/// The C library's write(2), named apart from the method above.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
