import CBLAS
import Foundation

/// The BLAS the run used: the core OpenBLAS chose, the environment that can force it, its build.
enum BLASEnvironment {
    /// "OPENBLAS_CORETYPE=... core ..., <build configuration>".
    static var description: String {
        let env = ProcessInfo.processInfo.environment
        let core = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        let config = openblas_get_config().map { String(cString: $0) } ?? "unknown"
        return "OPENBLAS_CORETYPE=\(env["OPENBLAS_CORETYPE"] ?? "(unset)") OPENBLAS_NUM_THREADS="
            + "\(env["OPENBLAS_NUM_THREADS"] ?? "(unset)"), core \(core), \(config)"
    }

    /// The CPU's model name from /proc/cpuinfo.
    static var cpu: String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let colon = line.firstIndex(of: ":") else { return "unknown CPU" }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
}
