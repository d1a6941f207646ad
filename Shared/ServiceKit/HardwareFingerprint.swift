import Foundation

/// The machine a measurement was taken on, stored beside every result so two runs can be
/// compared honestly: CPU model, the instruction-set extensions that matter to the kernels,
/// the thread count and the BLAS kernel in use.
public struct HardwareFingerprint: Codable, Sendable, Equatable {
    /// The CPU's marketing name ("AMD EPYC", "Apple M2"), or "unknown".
    public var cpuModel: String
    /// Extensions the kernels can use, in a fixed order (e.g. ["avx2", "fma", "avx512f"]).
    public var isaFlags: [String]
    /// Logical CPUs the process may use.
    public var logicalCPUs: Int
    /// Threads the engine was configured to use.
    public var threads: Int
    /// The BLAS library and kernel ("OpenBLAS 0.3.21 Haswell"), as the engine reports it.
    public var blasKernel: String
    /// `uname -m`.
    public var architecture: String

    enum CodingKeys: String, CodingKey {
        case cpuModel = "cpu_model", isaFlags = "isa_flags", logicalCPUs = "logical_cpus"
        case threads, blasKernel = "blas_kernel", architecture
    }

    /// Extensions looked for, in the order they are reported.
    public static let interestingFlags = ["sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw",
                                          "avx512vnni", "avx_vnni", "neon", "asimd", "asimddp", "sve"]

    /// Reads /proc/cpuinfo (Linux); `threads` and `blasKernel` come from the engine.
    public static func current(threads: Int, blasKernel: String) -> HardwareFingerprint {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        return parse(cpuinfo: info, threads: threads, blasKernel: blasKernel,
                     logicalCPUs: ProcessInfo.processInfo.activeProcessorCount,
                     architecture: machineArchitecture())
    }

    /// Builds a fingerprint from the text of /proc/cpuinfo.
    public static func parse(cpuinfo: String, threads: Int, blasKernel: String,
                             logicalCPUs: Int, architecture: String) -> HardwareFingerprint {
        var model = "unknown"
        var flags = Set<String>()
        for line in cpuinfo.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            if model == "unknown", key == "model name" || key == "Model" || key == "cpu model" {
                model = value
            } else if flags.isEmpty, key == "flags" || key == "Features" {
                flags = Set(value.split(separator: " ").map(String.init))
            }
        }
        let isa = interestingFlags.filter { flags.contains($0) }
        return HardwareFingerprint(cpuModel: model, isaFlags: isa, logicalCPUs: logicalCPUs,
                                   threads: threads, blasKernel: blasKernel, architecture: architecture)
    }

    static func machineArchitecture() -> String {
        #if arch(x86_64)
        return "x86_64"
        #elseif arch(arm64)
        return "aarch64"
        #else
        return "unknown"
        #endif
    }
}
