import Foundation
import Synchronization

/// Picks the fastest quantized-kernel path the running CPU supports, once per process.
///
/// Wider paths are compiled into their own targets with their instruction set enabled and are
/// only ever called after this check, so one binary runs on any x86-64 or arm64 machine.
/// `LCE_TENSOR_ISA=generic` (or `avx2`) caps the choice at that path, for comparing paths or
/// ruling one out.
enum KernelSelection {
    private static let override = Mutex<QuantizedKernels?>(nil)

    /// The paths this CPU can run, fastest last.
    static let available: [QuantizedKernels] = {
        var paths = [QuantizedKernels.generic]
        #if arch(x86_64)
        if CPUFeatures.hasAVX2FMA { paths.append(.avx2) }
        if CPUFeatures.hasAVX512VNNI { paths.append(.avx512vnni) }
        #endif
        return paths
    }()

    private static let automatic: QuantizedKernels = {
        if let wanted = ProcessInfo.processInfo.environment["LCE_TENSOR_ISA"],
           let path = available.first(where: { $0.name == wanted }) {
            return path
        }
        return available[available.count - 1]
    }()

    /// The kernels matmul uses now.
    static var current: QuantizedKernels {
        get { override.withLock { $0 } ?? automatic }
        set { override.withLock { $0 = newValue } }
    }
}
