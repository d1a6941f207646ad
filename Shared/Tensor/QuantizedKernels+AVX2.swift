#if arch(x86_64)
import TensorKernelsAVX2

/// The AVX2 + FMA path, compiled in the TensorKernelsAVX2 target with those instructions enabled.
extension QuantizedKernels {
    /// AVX2 kernels: vpmaddubsw / vpmaddwd integer dots, FMA for the per-block scaling.
    static let avx2 = QuantizedKernels(
        name: "avx2", q8_0: AVX2Kernels.q8_0, q4_0: AVX2Kernels.q4_0, q5_0: AVX2Kernels.q5_0,
        q4_K: AVX2Kernels.q4_K, q6_K: AVX2Kernels.q6_K)
}
#endif
