/// The trainer's priority queue of candidate merges: the most frequent pair first and, among
/// equal counts, the pair of smaller ids (left id, then right id), as `tokenizers` orders its heap.
///
/// Each entry carries the list of words where the pair was seen when the entry was made; a
/// pair may have several entries, and an entry's count may be stale (the trainer checks it).
struct PairMergeQueue {
    /// One candidate: a pair keyed `left << 32 | right`, its count when queued, its word list.
    struct Entry {
        var count: Int
        var pair: UInt64
        var words: Int32
    }

    private var heap: [Entry] = []
    /// Word-index lists, addressed by `Entry.words`; freed slots are reused.
    private var wordLists: [[Int32]] = []
    private var freeLists: [Int32] = []

    /// Whether `a` should be popped before `b`.
    @inline(__always)
    private static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        a.count != b.count ? a.count > b.count : a.pair < b.pair
    }

    var isEmpty: Bool { heap.isEmpty }

    /// Queues `pair` with `count` and the words it occurs in.
    mutating func push(pair: UInt64, count: Int, words: [Int32]) {
        let slot: Int32
        if let free = freeLists.popLast() {
            slot = free
            wordLists[Int(slot)] = words
        } else {
            slot = Int32(wordLists.count)
            wordLists.append(words)
        }
        push(Entry(count: count, pair: pair, words: slot))
    }

    /// Re-queues a popped entry (with an updated count), keeping its word list.
    mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard PairMergeQueue.precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the first entry.
    mutating func pop() -> Entry? {
        guard !heap.isEmpty else { return nil }
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            let count = heap.count
            while true {
                let left = 2 * parent + 1
                guard left < count else { break }
                var best = left
                if left + 1 < count && PairMergeQueue.precedes(heap[left + 1], heap[left]) { best = left + 1 }
                guard PairMergeQueue.precedes(heap[best], heap[parent]) else { break }
                heap.swapAt(best, parent)
                parent = best
            }
        }
        return top
    }

    /// The word list of a popped entry, which is freed: the entry must not be pushed again.
    mutating func takeWords(of entry: Entry) -> [Int32] {
        let words = wordLists[Int(entry.words)]
        wordLists[Int(entry.words)] = []
        freeLists.append(entry.words)
        return words
    }
}
