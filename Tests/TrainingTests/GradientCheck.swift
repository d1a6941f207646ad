import Tensor
import Training

/// Central finite differences in Float32 parameters with the loss summed in Double, compared
/// against analytic gradients with an absolute plus relative tolerance.
///
/// With step h = 1e-2 the truncation error is O(h²) ≈ 1e-4 times the third derivative and the
/// rounding error about 1e-7 · |L| / h; tolerances of 2e-3 absolute + 1e-2 relative cover both
/// for the O(1) values these tests use, while a wrong formula misses by far more.
enum GradientCheck {
    /// dL/dθ_i ≈ (L(θ + h e_i) - L(θ - h e_i)) / 2h for every element of `parameter`.
    static func numerical(_ parameter: Tensor, step h: Float = 1e-2, loss: () throws -> Double) rethrows -> [Double] {
        var result = [Double](repeating: 0, count: parameter.count)
        for i in 0..<parameter.count {
            let saved = parameter.data[i]
            parameter.data[i] = saved + h
            let plus = try loss()
            parameter.data[i] = saved - h
            let minus = try loss()
            parameter.data[i] = saved
            result[i] = (plus - minus) / (Double(saved + h) - Double(saved - h))
        }
        return result
    }

    /// Like `numerical`, but only at up to `limit` evenly spaced elements (NaN elsewhere), to keep
    /// whole-model checks fast; `sampledIndices` says which.
    static func sampledNumerical(_ parameter: Tensor, limit: Int = 24, step h: Float = 1e-2, loss: () throws -> Double) rethrows -> [Double] {
        var result = [Double](repeating: .nan, count: parameter.count)
        for i in sampledIndices(count: parameter.count, limit: limit) {
            let saved = parameter.data[i]
            parameter.data[i] = saved + h
            let plus = try loss()
            parameter.data[i] = saved - h
            let minus = try loss()
            parameter.data[i] = saved
            result[i] = (plus - minus) / (Double(saved + h) - Double(saved - h))
        }
        return result
    }

    /// Up to `limit` indices spread evenly over 0..<count.
    static func sampledIndices(count: Int, limit: Int) -> [Int] {
        count <= limit ? Array(0..<count) : (0..<limit).map { $0 * count / limit }
    }

    /// The largest violation of |a - n| <= atol + rtol · |n| (0 or negative means every element passes).
    static func worstExcess(analytic: [Float], numerical: [Double], atol: Double = 2e-3, rtol: Double = 1e-2) -> Double {
        precondition(analytic.count == numerical.count)
        var worst = -Double.infinity
        for (a, n) in zip(analytic, numerical) {
            worst = max(worst, abs(Double(a) - n) - (atol + rtol * abs(n)))
        }
        return worst
    }

    /// Σ y_i · r_i in Double: a scalar loss whose gradient w.r.t. y is r.
    static func projected(_ y: Tensor, onto r: Tensor) -> Double {
        var total: Double = 0
        for i in 0..<y.count { total += Double(y.data[i]) * Double(r.data[i]) }
        return total
    }

    /// A tensor of `shape` with values uniform in [-scale, scale), fixed by `seed`.
    static func random(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
        var generator = TrainingRandom(seed: seed)
        let t = Tensor(shape: shape)
        for i in 0..<t.count { t.data[i] = generator.nextFloat(in: -scale, scale) }
        return t
    }

    /// A new tensor with the same shape and values.
    static func copy(_ t: Tensor) -> Tensor {
        let c = Tensor(shape: t.shape)
        c.data.update(from: t.data, count: t.count)
        return c
    }
}
