/// The machine the figures were measured on (ServiceKit's HardwareFingerprint, which Evaluation does not
/// import: the engine's modules stay free of the service stack), carried on every result row.
public struct EvaluationHardware: Sendable, Equatable, Codable {
    /// The CPU's name.
    public var cpuModel: String
    /// Instruction-set extensions the kernels can use.
    public var isaFlags: [String]
    /// Logical CPUs of the machine.
    public var logicalCPUs: Int
    /// Threads the engine used.
    public var threads: Int
    /// BLAS library and kernel.
    public var blasKernel: String
    /// `x86_64` or `aarch64`.
    public var architecture: String

    /// Creates a description.
    public init(cpuModel: String, isaFlags: [String], logicalCPUs: Int, threads: Int, blasKernel: String, architecture: String) {
        self.cpuModel = cpuModel
        self.isaFlags = isaFlags
        self.logicalCPUs = logicalCPUs
        self.threads = threads
        self.blasKernel = blasKernel
        self.architecture = architecture
    }
}
