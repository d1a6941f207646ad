import Tensor

/// Folding an adapter into its base weights: W' = W + scaling · B · A.
extension LoRAAdapter {
    /// Adds scaling · B · A to `weight`, stored [out, in], or its transpose when `storedInOut`
    /// (GPT-2's Conv1D, PEFT's fan_in_fan_out), for the module at `modulePath`.
    public func merge(modulePath: String, into weight: UnsafeMutablePointer<Float>, storedInOut: Bool) throws {
        guard let pair = weights[modulePath], let module = layout.module(atPath: modulePath) else {
            throw TrainingError.invalidAdapter("the adapter has no weights for \(modulePath)")
        }
        let r = config.r, inF = module.inFeatures, outF = module.outFeatures
        if storedInOut {
            // W[in, out] += s · Aᵀ[in, r] · Bᵀ[r, out]
            BLAS.sgemm(transA: true, transB: true, m: inF, n: outF, k: r, alpha: config.scaling,
                       a: pair.a.data, lda: inF, b: pair.b.data, ldb: r, beta: 1, c: weight, ldc: outF)
        } else {
            // W[out, in] += s · B[out, r] · A[r, in]
            BLAS.sgemm(transA: false, transB: false, m: outF, n: inF, k: r, alpha: config.scaling,
                       a: pair.b.data, lda: r, b: pair.a.data, ldb: inF, beta: 1, c: weight, ldc: inF)
        }
    }
}
