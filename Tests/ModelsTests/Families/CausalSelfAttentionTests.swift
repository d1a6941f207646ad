import Testing
import Models
import Tensor

/// A decode step's attention split across threads by key/value head gives exactly the serial result.
@Suite(.serialized) struct CausalSelfAttentionTests {
    @Test func decodeStepSplitByKeyValueHeadEqualsTheSerialOne() {
        // Two threads at least, so the heads are split; set only where the machine's default is one (other suites run
        // kernels meanwhile, and changing the count under them is what Threading.count warns about).
        let saved = Threading.count
        defer { Threading.count = saved }
        if saved < 2 { Threading.count = 2 }
        // 4 query heads over 2 key/value heads of 64, 300 cached positions: enough work to split.
        let heads = 4, kvHeads = 2, headDim = 64, start = 300, total = start + 1
        var random = SeededRandomGenerator(seed: 7)
        let query = (0..<(heads * headDim)).map { _ in random.nextUnitFloat() - 0.5 }
        let keys = (0..<(total * kvHeads * headDim)).map { _ in random.nextUnitFloat() - 0.5 }
        let values = (0..<(total * kvHeads * headDim)).map { _ in random.nextUnitFloat() - 0.5 }
        func attend(scoresCapacity: Int) -> [Float] {
            var scores = [Float](repeating: 0, count: kvHeads * total)
            var out = [Float](repeating: .nan, count: heads * headDim)
            CausalSelfAttention.forward(query: query, keys: keys, values: values, startPosition: start, batch: 1,
                                        heads: heads, kvHeads: kvHeads, headDim: headDim, scale: 0.125,
                                        scores: &scores, scoresCapacity: scoresCapacity, into: &out)
            return out
        }
        let serial = attend(scoresCapacity: 0)
        let split = attend(scoresCapacity: kvHeads * total)
        #expect(serial == split)
        #expect(serial.allSatisfy { $0.isFinite && abs($0) < 0.5 })
    }
}
