/// A binary min-heap of candidate merges ordered by (rank, position), the order in which
/// Hugging Face's BPE applies merges inside a word.
struct BPEMergeQueue {
    /// A merge of the symbol at `position` with the one after it into `newID`.
    struct Candidate {
        /// Rank in the high half and position in the low half, so one comparison orders both.
        let key: UInt64
        let newID: Int32

        init(rank: Int32, position: Int, newID: Int32) {
            key = UInt64(UInt32(bitPattern: rank)) << 32 | UInt64(UInt32(truncatingIfNeeded: position))
            self.newID = newID
        }

        var position: Int { Int(key & 0xFFFF_FFFF) }
    }

    private var heap: [Candidate] = []

    init(capacity: Int) {
        heap.reserveCapacity(capacity)
    }

    mutating func push(_ candidate: Candidate) {
        heap.append(candidate)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].key < heap[parent].key else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Candidate? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { break }
                let right = left + 1
                let smaller = right < heap.count && heap[right].key < heap[left].key ? right : left
                guard heap[smaller].key < heap[parent].key else { break }
                heap.swapAt(smaller, parent)
                parent = smaller
            }
        }
        return top
    }
}
