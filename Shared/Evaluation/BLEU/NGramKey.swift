/// Up to four interned token ids standing for one n-gram; unused slots hold -1 so orders never collide.
struct NGramKey: Hashable {
    var ids: SIMD4<Int32>

    /// The n-gram of `order` tokens starting at `start`.
    init(_ tokens: [Int32], start: Int, order: Int) {
        var ids = SIMD4<Int32>(repeating: -1)
        for k in 0..<order { ids[k] = tokens[start + k] }
        self.ids = ids
    }

    /// How many tokens the n-gram has.
    var order: Int {
        var n = 0
        for k in 0..<4 where ids[k] >= 0 { n += 1 }
        return n
    }
}
