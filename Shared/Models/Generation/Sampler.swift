import Foundation

/// Picks the next token from logits: greedy, or temperature sampling restricted by top-k and top-p,
/// with a seeded generator. Its buffers are allocated once, so sampling allocates nothing per token.
public final class Sampler: @unchecked Sendable {
    /// Logits per call.
    public let vocabularySize: Int
    /// Softmax temperature; 0 or below is greedy.
    public let temperature: Float
    /// Candidates kept by likelihood rank; 0 keeps all.
    public let topK: Int
    /// Probability mass kept; 1 keeps all.
    public let topP: Float
    private var random: SeededRandomGenerator
    private let candidates: UnsafeMutablePointer<Int32>
    private let weights: UnsafeMutablePointer<Float>

    /// A sampler for `vocabularySize` logits with the options' temperature, top-k, top-p and seed.
    public init(vocabularySize: Int, temperature: Float = 0, topK: Int = 0, topP: Float = 1, seed: UInt64 = 0) {
        self.vocabularySize = vocabularySize
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        random = SeededRandomGenerator(seed: seed)
        candidates = .allocate(capacity: max(vocabularySize, 1))
        weights = .allocate(capacity: max(vocabularySize, 1))
    }

    /// A sampler configured from generation options.
    public convenience init(vocabularySize: Int, options: GenerationOptions) {
        self.init(vocabularySize: vocabularySize, temperature: options.temperature, topK: options.topK,
                  topP: options.topP, seed: options.seed)
    }

    deinit {
        candidates.deallocate()
        weights.deallocate()
    }

    /// True when the sampler always takes the most likely token.
    public var isGreedy: Bool { temperature <= 0 || topK == 1 }

    /// The chosen token id for `logits` [vocabularySize].
    public func sample(_ logits: UnsafePointer<Float>) -> Int {
        if isGreedy { return Self.argmax(logits, count: vocabularySize) }
        let n = selectCandidates(logits)
        // Softmax over the candidates at this temperature; candidates[0] holds the largest logit.
        let top = logits[Int(candidates[0])]
        var total: Float = 0
        for i in 0..<n {
            let w = Foundation.exp((logits[Int(candidates[i])] - top) / temperature)
            weights[i] = w
            total += w
        }
        var kept = n
        if topP < 1 {
            // Nucleus: the shortest prefix of the sorted candidates holding topP of the mass (at least one).
            var cumulative: Float = 0
            for i in 0..<n {
                cumulative += weights[i]
                if cumulative >= topP * total { kept = i + 1; break }
            }
            total = cumulative
        }
        let u = random.nextUnitFloat() * total
        var cumulative: Float = 0
        for i in 0..<kept {
            cumulative += weights[i]
            if u < cumulative { return Int(candidates[i]) }
        }
        return Int(candidates[kept - 1])
    }

    /// The index of the largest logit (the first one on ties).
    public static func argmax(_ logits: UnsafePointer<Float>, count: Int) -> Int {
        var best = 0
        var bestValue = -Float.infinity
        for i in 0..<count where logits[i] > bestValue {
            bestValue = logits[i]
            best = i
        }
        return best
    }

    /// Fills candidates[0..<n] with the tokens still in play, the most likely first, and returns n.
    private func selectCandidates(_ logits: UnsafePointer<Float>) -> Int {
        let v = vocabularySize
        let k = topK > 0 ? min(topK, v) : v
        if k < v {
            // A min-heap of the k best seen so far: one pass over the vocabulary, O(V log k).
            for i in 0..<k { candidates[i] = Int32(i) }
            for i in stride(from: k / 2 - 1, through: 0, by: -1) { siftDown(i, count: k, logits) }
            for i in k..<v where logits[i] > logits[Int(candidates[0])] {
                candidates[0] = Int32(i)
                siftDown(0, count: k, logits)
            }
            sortHeapDescending(count: k, logits)
            return k
        }
        for i in 0..<v { candidates[i] = Int32(i) }
        if topP < 1 {
            for i in stride(from: v / 2 - 1, through: 0, by: -1) { siftDown(i, count: v, logits) }
            sortHeapDescending(count: v, logits)
        } else {
            // Only candidates[0] must be the maximum.
            let best = Self.argmax(logits, count: v)
            candidates[0] = Int32(best)
            candidates[best] = 0
        }
        return v
    }

    /// Heapsort's second phase on a min-heap: repeatedly moves the smallest to the end, leaving the
    /// array in descending order without allocating.
    private func sortHeapDescending(count: Int, _ logits: UnsafePointer<Float>) {
        var end = count - 1
        while end > 0 {
            candidates.swapAt(0, end)
            siftDown(0, count: end, logits)
            end -= 1
        }
    }

    private func siftDown(_ start: Int, count: Int, _ logits: UnsafePointer<Float>) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            if left >= count { return }
            var smallest = left
            let right = left + 1
            if right < count && logits[Int(candidates[right])] < logits[Int(candidates[left])] { smallest = right }
            if logits[Int(candidates[smallest])] >= logits[Int(candidates[parent])] { return }
            candidates.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

extension UnsafeMutablePointer {
    fileprivate func swapAt(_ i: Int, _ j: Int) {
        let t = self[i]
        self[i] = self[j]
        self[j] = t
    }
}
