import Foundation

/// What the running x86-64 CPU (and the kernel's saved-state support) allows, read once.
///
/// Linux lists in /proc/cpuinfo only the features the kernel enables, so a listed `avx2` also
/// means the OS saves the YMM registers; any failure to read it counts as "not supported".
enum CPUFeatures {
    /// The flags of the first processor in /proc/cpuinfo.
    static let flags: Set<Substring> = {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return [] }
        for line in text.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " "))
        }
        return []
    }()

    /// AVX2 with FMA and F16C: what the `avx2` kernel path is compiled for.
    static var hasAVX2FMA: Bool {
        flags.contains("avx2") && flags.contains("fma") && flags.contains("f16c")
    }

    /// AVX-512 F, BW, VL and VNNI on top of the AVX2 set: what the `avx512vnni` path is compiled for.
    static var hasAVX512VNNI: Bool {
        hasAVX2FMA && ["avx512f", "avx512bw", "avx512vl", "avx512_vnni"].allSatisfy { flags.contains(Substring($0)) }
    }
}
