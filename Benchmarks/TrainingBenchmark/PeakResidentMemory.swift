import Foundation

/// The process's peak resident set (VmHWM): monotonic over a process's life, which is why each
/// training method runs in a child process of its own.
enum PeakResidentMemory {
    /// VmHWM from /proc/self/status in bytes; 0 where the file is unavailable.
    static func bytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kilobytes * 1024
    }
}
