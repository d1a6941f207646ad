/// A SplitMix64 generator with its own sampling helpers, so the same seed gives the same dataset on every platform and Swift release.
///
/// The standard library's `random(in:using:)` and `shuffled(using:)` do not promise stable
/// algorithms, so the generator never hands itself to them.
struct SeededGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range` (modulo bias is negligible for the small ranges used here).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % width)
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[int(0...(items.count - 1))]
    }

    mutating func ints(count: ClosedRange<Int>, values: ClosedRange<Int>) -> [Int] {
        (0..<int(count)).map { _ in int(values) }
    }

    mutating func words(count: ClosedRange<Int>) -> [String] {
        (0..<int(count)).map { _ in pick(Self.vocabulary) }
    }

    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var items = items
        guard items.count > 1 else { return items }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, int(0...i))
        }
        return items
    }

    static let vocabulary = [
        "apple", "banana", "cherry", "delta", "echo", "forest", "garden", "harbor", "island", "jungle",
        "kettle", "lemon", "mango", "night", "ocean", "pepper", "quartz", "river", "stone", "tiger",
        "umbrella", "violet", "window", "yellow", "zebra", "cat", "dog", "sun", "moon", "sky", "tree",
        "leaf", "rain", "wind", "fire", "book", "code", "data", "loop", "list", "map", "node", "tag",
    ]
    static let letters = Array("abcdefghijklmnopqrstuvwxyz").map(String.init)
}
