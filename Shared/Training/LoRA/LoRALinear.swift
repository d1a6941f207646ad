import Foundation
import Tensor

/// A linear layer with a LoRA adapter as PEFT defines it: y = W x + b + scaling · B(A(dropout(x))).
///
/// Shapes: W [out, in] frozen, in any dtype (a 4-bit W is QLoRA: it is decoded per matmul, never
/// kept as Float32); b [out] frozen; A [r, in] (PEFT's lora_A.weight); B [out, r] (lora_B.weight);
/// x [n, in], y [n, out]. scaling = alpha / r, or alpha / √r with rsLoRA. Only A and B are
/// trained: the backward fills `gradA` and `gradB` (adding, like every backward here) and
/// passes the input gradient on through W and the adapter.
public final class LoRALinear {
    /// The frozen base weight [out, in].
    public let base: WeightMatrix
    /// The frozen base bias [out], if the layer has one.
    public let bias: Tensor?
    /// The adapter's rank r.
    public let rank: Int
    /// The factor applied to B · A.
    public let scaling: Float
    /// The probability of zeroing an input element during training (PEFT's lora_dropout).
    public let dropout: Float
    /// lora_A [r, in].
    public let a: Tensor
    /// lora_B [out, r].
    public let b: Tensor
    /// dLoss/dA [r, in], accumulated by `backward`.
    public let gradA: Tensor
    /// dLoss/dB [out, r], accumulated by `backward`.
    public let gradB: Tensor
    /// The stream dropout masks are drawn from (part of a checkpoint, for an exact resume).
    public var dropoutRandom: TrainingRandom
    /// Where a quantized base's row panels are decoded in the backward (made once).
    private lazy var baseScratch: Tensor? = base.makeInputGradientScratch()

    /// Input features (W's columns).
    public var inFeatures: Int { base.cols }
    /// Output features (W's rows).
    public var outFeatures: Int { base.rows }

    /// PEFT's scaling: alpha / r, or alpha / √r when `useRSLoRA`.
    public static func scaling(rank: Int, alpha: Float, useRSLoRA: Bool) -> Float {
        useRSLoRA ? alpha / Float(rank).squareRoot() : alpha / Float(rank)
    }

    /// A fresh adapter as PEFT initialises one: A from torch's kaiming_uniform_(a: √5), which is
    /// uniform in ±1/√in, and B zero, so until trained the layer computes exactly the base.
    public convenience init(base: WeightMatrix, bias: Tensor? = nil, rank: Int, alpha: Float, dropout: Float = 0,
                            useRSLoRA: Bool = false, random: inout TrainingRandom) throws {
        guard rank > 0 else { throw TrainingError.invalidArgument("LoRA rank r must be positive, got \(rank)") }
        let a = Tensor(shape: [rank, base.cols])
        // kaiming_uniform_ with a = √5: gain √(2 / (1 + 5)), bound gain · √3 / √fan_in = 1 / √fan_in.
        let bound = 1 / Float(base.cols).squareRoot()
        for i in 0..<a.count { a.data[i] = random.nextFloat(in: -bound, bound) }
        try self.init(base: base, bias: bias, a: a, b: Tensor(shape: [base.rows, rank]),
                      scaling: Self.scaling(rank: rank, alpha: alpha, useRSLoRA: useRSLoRA), dropout: dropout,
                      dropoutSeed: random.next())
    }

    /// A layer around existing adapter weights (loaded from a file), checking their shapes.
    public init(base: WeightMatrix, bias: Tensor? = nil, a: Tensor, b: Tensor, scaling: Float, dropout: Float = 0,
                dropoutSeed: UInt64 = 0) throws {
        guard a.shape.count == 2, b.shape.count == 2, a.shape[1] == base.cols, b.shape[0] == base.rows,
              a.shape[0] == b.shape[1], a.shape[0] > 0 else {
            throw TrainingError.invalidArgument(
                "LoRA A \(a.shape) and B \(b.shape) do not fit a base weight [\(base.rows), \(base.cols)] (need A [r, \(base.cols)], B [\(base.rows), r])")
        }
        if let bias, bias.count != base.rows {
            throw TrainingError.invalidArgument("bias of \(bias.count) values does not fit \(base.rows) output features")
        }
        guard dropout >= 0, dropout < 1 else {
            throw TrainingError.invalidArgument("lora_dropout must be in [0, 1), got \(dropout)")
        }
        self.base = base
        self.bias = bias
        self.rank = a.shape[0]
        self.scaling = scaling
        self.dropout = dropout
        self.a = a
        self.b = b
        gradA = Tensor(shape: a.shape)
        gradB = Tensor(shape: b.shape)
        dropoutRandom = TrainingRandom(seed: dropoutSeed)
    }

    /// y [n, out] = W x + b + scaling · B A dropout(x), keeping what the backward needs in `saved`.
    ///
    /// Dropout applies only when `training`; its mask comes from `dropoutRandom`, element by
    /// element in row-major order, so the layer's seed fixes it.
    public func forward(_ x: UnsafePointer<Float>, rows n: Int, into y: UnsafeMutablePointer<Float>,
                        saving saved: LoRAActivations, training: Bool) {
        precondition(n <= saved.capacity, "\(n) rows exceed the activations' capacity of \(saved.capacity)")
        saved.rows = n
        base.matmulDecoded(x, batch: n, into: y)
        if let bias { for r in 0..<n { Kernels.addInPlace(y + r * outFeatures, bias.data, count: outFeatures) } }
        let width = inFeatures
        let dropped = saved.dropped.data
        if let keep = saved.keep, training {
            let factor = 1 / (1 - dropout)
            for i in 0..<n * width {
                let k: Float = dropoutRandom.nextUnitFloat() >= dropout ? factor : 0
                keep.data[i] = k
                dropped[i] = x[i] * k
            }
        } else {
            saved.keep?.data.update(repeating: 1, count: n * width)
            dropped.update(from: x, count: n * width)
        }
        // hidden [n, r] = dropped · Aᵀ ;  y += scaling · hidden · Bᵀ
        BLAS.sgemm(transA: false, transB: true, m: n, n: rank, k: width, alpha: 1,
                   a: dropped, lda: width, b: a.data, ldb: width, beta: 0, c: saved.hidden.data, ldc: rank)
        BLAS.sgemm(transA: false, transB: true, m: n, n: outFeatures, k: rank, alpha: scaling,
                   a: saved.hidden.data, lda: rank, b: b.data, ldb: rank, beta: 1, c: y, ldc: outFeatures)
    }

    /// gradB += scaling · dyᵀ · hidden;  gradA += (scaling · dy · B)ᵀ · dropped;
    /// dx += dy · W + keep ⊙ (scaling · dy · B · A) when `dx` is given. A quantized W is decoded
    /// into `scratch` when given (large enough for its panels), else into the layer's own.
    public func backward(_ dy: UnsafePointer<Float>, saved: LoRAActivations, dx: UnsafeMutablePointer<Float>?, scratch: Tensor? = nil) {
        let n = saved.rows, width = inFeatures
        let dHidden = saved.hiddenGradient.data
        BLAS.sgemm(transA: true, transB: false, m: outFeatures, n: rank, k: n, alpha: scaling,
                   a: dy, lda: outFeatures, b: saved.hidden.data, ldb: rank, beta: 1, c: gradB.data, ldc: rank)
        BLAS.sgemm(transA: false, transB: false, m: n, n: rank, k: outFeatures, alpha: scaling,
                   a: dy, lda: outFeatures, b: b.data, ldb: rank, beta: 0, c: dHidden, ldc: rank)
        BLAS.sgemm(transA: true, transB: false, m: rank, n: width, k: n, alpha: 1,
                   a: dHidden, lda: rank, b: saved.dropped.data, ldb: width, beta: 1, c: gradA.data, ldc: width)
        guard let dx else { return }
        base.inputGradient(dy, batch: n, accumulatingInto: dx, scratch: scratch ?? baseScratch)
        if let keep = saved.keep, let dDropped = saved.droppedGradient {
            // dx += keep ⊙ (dHidden · A), a block of rows at a time through the small scratch.
            let block = max(1, dDropped.count / width)
            var start = 0
            while start < n {
                let count = min(block, n - start)
                BLAS.sgemm(transA: false, transB: false, m: count, n: width, k: rank, alpha: 1,
                           a: dHidden + start * rank, lda: rank, b: a.data, ldb: width, beta: 0, c: dDropped.data, ldc: width)
                let offset = start * width
                for i in 0..<count * width { dx[offset + i] += keep.data[offset + i] * dDropped.data[i] }
                start += count
            }
        } else {
            BLAS.sgemm(transA: false, transB: false, m: n, n: width, k: rank, alpha: 1,
                       a: dHidden, lda: rank, b: a.data, ldb: width, beta: 1, c: dx, ldc: width)
        }
    }
}
