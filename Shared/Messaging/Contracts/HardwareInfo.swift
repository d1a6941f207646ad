/// The machine a measurement was taken on, as carried in evaluation results: CPU model,
/// instruction-set extensions, threads and BLAS kernel (ServiceKit's HardwareFingerprint on the wire).
public struct HardwareInfo: Codable, Sendable, Equatable {
    /// The CPU's name.
    public var cpuModel: String
    /// Extensions the kernels can use ("avx2", "fma", ...).
    public var isaFlags: [String]
    /// Logical CPUs of the machine.
    public var logicalCpus: Int
    /// Threads the engine used.
    public var threads: Int
    /// The BLAS library and kernel.
    public var blasKernel: String
    /// "x86_64" or "aarch64".
    public var architecture: String

    /// Creates a value.
    public init(cpuModel: String, isaFlags: [String], logicalCpus: Int, threads: Int, blasKernel: String, architecture: String) {
        self.cpuModel = cpuModel
        self.isaFlags = isaFlags
        self.logicalCpus = logicalCpus
        self.threads = threads
        self.blasKernel = blasKernel
        self.architecture = architecture
    }

    enum CodingKeys: String, CodingKey {
        case cpuModel = "cpu_model", isaFlags = "isa_flags", logicalCpus = "logical_cpus", threads
        case blasKernel = "blas_kernel", architecture
    }
}
