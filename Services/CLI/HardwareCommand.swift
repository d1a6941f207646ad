import ArgumentParser
import CBLAS
import Foundation
import ServiceKit

/// `lce hardware`: prints the fingerprint every measurement is stored with.
struct HardwareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hardware",
        abstract: "Print this machine's hardware fingerprint (CPU, ISA flags, threads, BLAS kernel).",
        discussion: "Example:\n  lce hardware --json")

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let blas = openblas_get_config().map { String(cString: $0) } ?? "unknown BLAS"
        let threads = Int(openblas_get_num_threads())
        let fp = HardwareFingerprint.current(threads: threads, blasKernel: blas)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(fp), as: UTF8.self))
        } else {
            print("cpu:       \(fp.cpuModel) (\(fp.architecture), \(fp.logicalCPUs) logical CPUs)")
            print("isa:       \(fp.isaFlags.joined(separator: " "))")
            print("threads:   \(fp.threads)")
            print("blas:      \(fp.blasKernel)")
        }
    }
}
