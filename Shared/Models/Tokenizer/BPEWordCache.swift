import Foundation

/// Remembers the ids of words already encoded, shared by copies of a tokenizer and safe to use
/// from several threads; it stops growing at its capacity, as Hugging Face's cache does.
///
/// Unchecked Sendable because every access to `entries` holds `lock` (NSLock rather than
/// Synchronization's Mutex, which the package's macOS 14 floor does not offer).
final class BPEWordCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [[UInt8]: [Int32]] = [:]
    private let capacity: Int

    init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    func ids(for word: [UInt8]) -> [Int32]? {
        lock.lock()
        defer { lock.unlock() }
        return entries[word]
    }

    func store(_ ids: [Int32], for word: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count < capacity { entries[word] = ids }
    }
}
