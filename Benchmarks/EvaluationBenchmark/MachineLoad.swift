import Foundation

/// The load the figures were measured under: this machine is shared, so every figure is read against it.
enum MachineLoad {
    /// `/proc/loadavg`'s 1-, 5- and 15-minute averages and running/total tasks, or `unknown` off Linux.
    static func current() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        let fields = text.split(separator: " ")
        guard fields.count >= 4 else { return text.trimmingCharacters(in: .whitespacesAndNewlines) }
        return "\(fields[0]) \(fields[1]) \(fields[2]) (running/total tasks \(fields[3]))"
    }

    /// Logical CPUs this process may use.
    static var processors: Int { ProcessInfo.processInfo.activeProcessorCount }
}
