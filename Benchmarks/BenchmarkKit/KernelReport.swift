import CBLAS
import Foundation

/// Which kernels the run used: OpenBLAS's core (and the environment that can force it) and the
/// quantized-kernel path Tensor picks for this CPU.
public enum KernelReport {
    /// OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE, OPENBLAS_NUM_THREADS, the core OpenBLAS chose and its build configuration.
    public static var blas: String {
        let env = ProcessInfo.processInfo.environment
        let core = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        let config = openblas_get_config().map { String(cString: $0) } ?? "unknown"
        return "OPENBLAS_CORETYPE=\(env["OPENBLAS_CORETYPE"] ?? "(unset)")"
            + " OPENBLAS_L2_SIZE=\(env["OPENBLAS_L2_SIZE"] ?? "(unset)")"
            + " OPENBLAS_NUM_THREADS=\(env["OPENBLAS_NUM_THREADS"] ?? "(unset)"), core \(core), \(config)"
    }

    /// The quantized path by the same rule as Tensor's KernelSelection (which is internal to Tensor):
    /// LCE_TENSOR_ISA caps it, otherwise the widest the CPU flags allow.
    public static var quantized: String {
        let env = ProcessInfo.processInfo.environment
        var flags = Set<Substring>()
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
           let colon = line.firstIndex(of: ":") {
            flags = Set(line[line.index(after: colon)...].split(separator: " "))
        }
        var paths = ["generic"]
        #if arch(x86_64)
        if ["avx2", "fma", "f16c"].allSatisfy({ flags.contains(Substring($0)) }) {
            paths.append("avx2")
            if ["avx512f", "avx512bw", "avx512vl", "avx512_vnni"].allSatisfy({ flags.contains(Substring($0)) }) {
                paths.append("avx512vnni")
            }
        }
        #endif
        if let wanted = env["LCE_TENSOR_ISA"], paths.contains(wanted) { return "\(wanted) (LCE_TENSOR_ISA)" }
        return "\(paths[paths.count - 1]) (by CPU flags)"
    }

    /// The CPU's model name from /proc/cpuinfo.
    public static var cpu: String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let colon = line.firstIndex(of: ":") else { return "unknown CPU" }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
}
