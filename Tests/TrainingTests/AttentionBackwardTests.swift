import Foundation
import Testing
import Tensor
@testable import Training

/// Causal grouped-query attention: 2 sequences of 4 tokens, 4 query heads over 2 key/value heads of 3.
struct AttentionBackwardTests {
    let sequences = 2, length = 4, heads = 4, kvHeads = 2, headDim = 3
    var rows: Int { sequences * length }
    let q = GradientCheck.random([8, 12], seed: 51)
    let k = GradientCheck.random([8, 6], seed: 52)
    let v = GradientCheck.random([8, 6], seed: 53)
    let r = GradientCheck.random([8, 12], seed: 54)

    func output() -> Tensor {
        let out = Tensor(shape: [rows, heads * headDim])
        let p = Tensor(shape: [sequences, heads, length, length])
        AttentionBackward.forward(q: q.data, k: k.data, v: v.data, sequences: sequences, length: length, heads: heads,
                                  kvHeads: kvHeads, headDim: headDim, probabilities: p.data, into: out.data)
        return out
    }

    func gradients() -> (dq: Tensor, dk: Tensor, dv: Tensor) {
        let out = Tensor(shape: [rows, heads * headDim])
        let p = Tensor(shape: [sequences, heads, length, length])
        AttentionBackward.forward(q: q.data, k: k.data, v: v.data, sequences: sequences, length: length, heads: heads,
                                  kvHeads: kvHeads, headDim: headDim, probabilities: p.data, into: out.data)
        let dq = Tensor(shape: q.shape), dk = Tensor(shape: k.shape), dv = Tensor(shape: v.shape)
        let scratch = Tensor(shape: [length, length])
        AttentionBackward.backward(r.data, q: q.data, k: k.data, v: v.data, probabilities: p.data, sequences: sequences,
                                   length: length, heads: heads, kvHeads: kvHeads, headDim: headDim,
                                   scratch: scratch.data, dq: dq.data, dk: dk.data, dv: dv.data)
        return (dq, dk, dv)
    }

    @Test func forwardMatchesANaiveDoublePrecisionReference() {
        let out = output()
        // Sequence 1, token 2, head 3 (kv head 1): softmax over keys 0...2 of that sequence.
        let (b, t, h, g) = (1, 2, 3, 1)
        var scores: [Double] = []
        for j in 0...t {
            var s = 0.0
            for d in 0..<headDim { s += Double(q[(b * length + t) * 12 + h * 3 + d]) * Double(k[(b * length + j) * 6 + g * 3 + d]) }
            scores.append(s / 3.0.squareRoot())
        }
        let m = scores.max()!
        let weights = scores.map { Foundation.exp($0 - m) }
        let total = weights.reduce(0, +)
        for d in 0..<headDim {
            var expected = 0.0
            for j in 0...t { expected += weights[j] / total * Double(v[(b * length + j) * 6 + g * 3 + d]) }
            #expect(abs(Double(out[(b * length + t) * 12 + h * 3 + d]) - expected) < 1e-5)
        }
    }

    @Test func firstTokenAttendsOnlyToItself() {
        let out = output()
        // Token 0 of sequence 0, head 1 reads kv head 0: its output is exactly its own value.
        #expect((0..<headDim).allSatisfy { abs(out[1 * 3 + $0] - v[$0]) < 1e-6 })
    }

    @Test func queryGradientMatchesFiniteDifferences() {
        let numeric = GradientCheck.numerical(q) { GradientCheck.projected(output(), onto: r) }
        #expect(GradientCheck.worstExcess(analytic: gradients().dq.toArray(), numerical: numeric) <= 0)
    }

    @Test func keyGradientMatchesFiniteDifferences() {
        let numeric = GradientCheck.numerical(k) { GradientCheck.projected(output(), onto: r) }
        #expect(GradientCheck.worstExcess(analytic: gradients().dk.toArray(), numerical: numeric) <= 0)
    }

    @Test func valueGradientMatchesFiniteDifferences() {
        let numeric = GradientCheck.numerical(v) { GradientCheck.projected(output(), onto: r) }
        #expect(GradientCheck.worstExcess(analytic: gradients().dv.toArray(), numerical: numeric) <= 0)
    }

    @Test func lastKeyOfASequenceGetsGradientOnlyFromTheLastQuery() {
        // Key 3 of sequence 0 is visible to query 3 alone; changing other queries' upstream
        // gradient must not change its gradient.
        let dk = gradients().dk
        let before = (0..<6).map { dk[3 * 6 + $0] }
        for d in 0..<12 { r[0 * 12 + d] *= 5; r[1 * 12 + d] *= 5 }
        let after = (0..<6).map { gradients().dk[3 * 6 + $0] }
        #expect(zip(before, after).allSatisfy { abs($0 - $1) < 1e-6 })
    }
}
