#if arch(x86_64)
import TensorKernelsAVX2
import TensorKernelsAVX512

/// The AVX-512 VNNI path: vpdpbusd kernels where they measured faster (Q4_0, Q5_0, and every
/// batched kernel), AVX2 elsewhere.
extension QuantizedKernels {
    /// AVX-512 VL/BW/VNNI on 256-bit vectors for Q4_0 and Q5_0; AVX2 for Q8_0 (faster there) and for
    /// Q4_K and Q6_K, whose per-sub-block scales already ride in vpmaddwd.
    static let avx512vnni = QuantizedKernels(
        name: "avx512vnni", q8_0: AVX2Kernels.q8_0, q4_0: AVX512Kernels.q4_0, q5_0: AVX512Kernels.q5_0,
        q4_K: AVX2Kernels.q4_K, q6_K: AVX2Kernels.q6_K, q8_0Batched: AVX512Kernels.q8_0Batched,
        q4_0Batched: AVX512Kernels.q4_0Batched, q5_0Batched: AVX512Kernels.q5_0Batched,
        q4_KBatched: AVX512Kernels.q4_KBatched, q6_KBatched: AVX512Kernels.q6_KBatched)
}
#endif
