import Foundation
import Testing
@testable import ServiceKit

@Suite struct HardwareFingerprintTests {
    let x86 = """
    processor\t: 0
    model name\t: AMD EPYC 7B13
    flags\t\t: fpu sse4_2 avx f16c fma avx2 avx512f
    processor\t: 1
    model name\t: AMD EPYC 7B13
    flags\t\t: fpu sse4_2 avx f16c fma avx2 avx512f
    """

    @Test func readsModelNameAndInterestingFlagsInFixedOrder() {
        let fp = HardwareFingerprint.parse(cpuinfo: x86, threads: 2, blasKernel: "OpenBLAS Haswell",
                                           logicalCPUs: 2, architecture: "x86_64")
        #expect(fp.cpuModel == "AMD EPYC 7B13")
        #expect(fp.isaFlags == ["sse4_2", "avx", "avx2", "fma", "f16c", "avx512f"])
        #expect(fp.threads == 2)
        #expect(fp.blasKernel == "OpenBLAS Haswell")
    }

    @Test func readsArmFeatures() {
        let arm = "processor\t: 0\nFeatures\t: fp asimd asimddp crc32\nCPU implementer\t: 0x41\n"
        let fp = HardwareFingerprint.parse(cpuinfo: arm, threads: 4, blasKernel: "b", logicalCPUs: 4, architecture: "aarch64")
        #expect(fp.isaFlags == ["asimd", "asimddp"])
        #expect(fp.cpuModel == "unknown")
    }

    @Test func encodesWithSnakeCaseKeys() throws {
        let fp = HardwareFingerprint.parse(cpuinfo: x86, threads: 1, blasKernel: "k", logicalCPUs: 2, architecture: "x86_64")
        let json = String(decoding: try JSONEncoder().encode(fp), as: UTF8.self)
        #expect(json.contains("\"cpu_model\":\"AMD EPYC 7B13\""))
        #expect(json.contains("\"blas_kernel\":\"k\""))
    }
}
