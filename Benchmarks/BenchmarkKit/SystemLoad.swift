import Foundation

/// How busy the machine is, so every figure can be read against the load it was measured under.
public enum SystemLoad {
    /// The 1-, 5- and 15-minute load averages and the runnable/total task count, from /proc/loadavg.
    public static func current() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        let fields = text.split(separator: " ")
        guard fields.count >= 4 else { return text.trimmingCharacters(in: .whitespacesAndNewlines) }
        return "\(fields[0]) \(fields[1]) \(fields[2]) (running/total tasks \(fields[3]))"
    }

    /// Logical CPUs the kernel lets this process use.
    public static var processors: Int { ProcessInfo.processInfo.activeProcessorCount }
}
