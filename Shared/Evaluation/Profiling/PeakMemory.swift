import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The process's peak resident memory, with a reset so each variant's peak is its own.
///
/// Linux keeps one high-water mark per process (VmHWM); writing `5` to /proc/self/clear_refs sets it
/// back to the current resident size, so a variant evaluated after another is not charged for the
/// earlier one's peak. Where that is not allowed, the peak is since process start and `resetWorked` says so.
public enum PeakMemory {
    /// Returns freed heap to the kernel, then sets the high-water mark to the current resident size; false where the
    /// kernel refused. Without the trim, memory glibc kept from an earlier variant would count as the next one's.
    @discardableResult
    public static func reset() -> Bool {
        trimHeap()
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("5".utf8))
            return true
        } catch {
            return false
        }
    }

    /// glibc's malloc_trim(0), looked up at run time because Swift's Glibc module does not export malloc.h.
    private static func trimHeap() {
        #if os(Linux)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }

    /// Peak resident bytes since start or the last reset (VmHWM), or nil where /proc is unavailable.
    public static func peakResidentBytes() -> Int64? { statusKilobytes("VmHWM:").map { $0 * 1024 } }

    /// Current resident bytes (VmRSS), or nil where /proc is unavailable.
    public static func residentBytes() -> Int64? { statusKilobytes("VmRSS:").map { $0 * 1024 } }

    private static func statusKilobytes(_ field: String) -> Int64? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field) {
            return Int64(line.dropFirst(field.count).filter(\.isNumber))
        }
        return nil
    }
}
