import Foundation
import Tensor

/// Softmax cross-entropy over the vocabulary with ignore-index masking, forward and backward.
///
/// Shapes: logits, probabilities, dLogits [rows, vocabulary]; targets [rows]. Row i is scored
/// against targets[i] (the caller shifts labels by one, as Hugging Face's causal LM loss does);
/// rows whose target is `ignoreIndex` (prompt tokens, padding) add nothing, and the loss is the
/// mean over the rest, as torch's cross_entropy with reduction "mean".
public enum CrossEntropyBackward {
    /// PyTorch's and Hugging Face's label for a position that is not scored.
    public static let ignoreIndex: Int32 = -100

    /// The loss and the number of scored rows; `probabilities` receives the softmax of every scored row.
    ///
    /// A target outside 0..<vocabulary (other than `ignoreIndex`) is an input error. With no
    /// scored rows the loss is 0, not NaN, so an all-prompt micro-batch does not poison a run.
    /// `probabilities` may be `logits` itself: each row's loss is taken before its softmax overwrites it.
    public static func forward(logits: UnsafePointer<Float>, targets: UnsafePointer<Int32>, rows: Int, vocabulary: Int,
                               ignoreIndex: Int32 = ignoreIndex,
                               probabilities: UnsafeMutablePointer<Float>) throws -> (loss: Float, scoredRows: Int) {
        try meanLoss(logits: logits, targets: targets, rows: rows, vocabulary: vocabulary, ignoreIndex: ignoreIndex,
                     probabilities: probabilities)
    }

    /// The loss and the number of scored rows, writing no probabilities (evaluation, where no backward follows).
    public static func loss(logits: UnsafePointer<Float>, targets: UnsafePointer<Int32>, rows: Int, vocabulary: Int,
                            ignoreIndex: Int32 = ignoreIndex) throws -> (loss: Float, scoredRows: Int) {
        try meanLoss(logits: logits, targets: targets, rows: rows, vocabulary: vocabulary, ignoreIndex: ignoreIndex,
                     probabilities: nil)
    }

    private static func meanLoss(logits: UnsafePointer<Float>, targets: UnsafePointer<Int32>, rows: Int, vocabulary: Int,
                                 ignoreIndex: Int32, probabilities: UnsafeMutablePointer<Float>?) throws -> (loss: Float, scoredRows: Int) {
        var total: Double = 0
        var scored = 0
        for r in 0..<rows {
            let target = targets[r]
            if target == ignoreIndex { continue }
            guard target >= 0, Int(target) < vocabulary else {
                throw TrainingError.invalidArgument("target token \(target) at row \(r) is outside the vocabulary of \(vocabulary)")
            }
            let row = logits + r * vocabulary
            // -log p computed from the logits (log-sum-exp) so a tiny probability keeps its precision.
            total += Double(logSumExp(row, count: vocabulary) - row[Int(target)])
            scored += 1
            guard let probabilities else { continue }
            let p = probabilities + r * vocabulary
            if UnsafePointer(p) != row { p.update(from: row, count: vocabulary) }
            Kernels.softmax(p, count: vocabulary)
        }
        return (scored == 0 ? 0 : Float(total / Double(scored)), scored)
    }

    /// dLogits[i] += lossScale / scoredRows · (probabilities[i] - onehot(targets[i])) on scored rows.
    ///
    /// `lossScale` is dL/d(mean loss): 1 for a plain step, 1 / micro-batches under accumulation.
    public static func backward(probabilities: UnsafePointer<Float>, targets: UnsafePointer<Int32>, rows: Int,
                                vocabulary: Int, scoredRows: Int, ignoreIndex: Int32 = ignoreIndex, lossScale: Float = 1,
                                dLogits: UnsafeMutablePointer<Float>) {
        guard scoredRows > 0 else { return }
        let factor = lossScale / Float(scoredRows)
        for r in 0..<rows where targets[r] != ignoreIndex {
            let d = dLogits + r * vocabulary, p = probabilities + r * vocabulary
            for c in 0..<vocabulary { d[c] += factor * p[c] }
            d[Int(targets[r])] -= factor
        }
    }

    /// Turns `forward`'s probabilities into dLogits in place: scored rows become
    /// lossScale / scoredRows · (probabilities - onehot(target)), the others zero (the forward left
    /// them unwritten). The same result as zeroing a separate dLogits and calling `backward`,
    /// without a third vocabulary-wide buffer.
    public static func gradientInPlace(_ probabilities: UnsafeMutablePointer<Float>, targets: UnsafePointer<Int32>, rows: Int,
                                       vocabulary: Int, scoredRows: Int, ignoreIndex: Int32 = ignoreIndex, lossScale: Float = 1) {
        let factor = scoredRows > 0 ? lossScale / Float(scoredRows) : 0
        for r in 0..<rows {
            let row = probabilities + r * vocabulary
            guard targets[r] != ignoreIndex, scoredRows > 0 else {
                row.update(repeating: 0, count: vocabulary)
                continue
            }
            Kernels.scale(row, by: factor, count: vocabulary)
            row[Int(targets[r])] -= factor
        }
    }

    /// log Σ exp(x), with the maximum subtracted first.
    static func logSumExp(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var m = -Float.infinity
        for i in 0..<count { m = max(m, x[i]) }
        var sum: Double = 0
        for i in 0..<count { sum += Foundation.exp(Double(x[i] - m)) }
        return m + Float(Foundation.log(sum))
    }
}
