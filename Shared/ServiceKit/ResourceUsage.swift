import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The process's own memory figures, read from the kernel.
public enum ResourceUsage {
    /// Peak resident set size in bytes since the process started (VmHWM; ru_maxrss as fallback).
    public static func peakResidentBytes() -> Int {
        if let kb = statusField("VmHWM:") { return kb * 1024 }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// Current resident set size in bytes (VmRSS), or 0 where /proc is unavailable.
    public static func residentBytes() -> Int {
        (statusField("VmRSS:") ?? 0) * 1024
    }

    /// A "kB" field of /proc/self/status.
    private static func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let digits = line.dropFirst(name.count).filter { $0.isNumber }
            return Int(digits)
        }
        return nil
    }
}
