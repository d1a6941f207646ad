/// The mutable state of one `BPETrainer` run: the vocabulary so far, the words as token ids,
/// the pair counts and the queue of candidate merges.
struct BPETrainingState {
    /// Each id's token string; special tokens as written, byte tokens in the byte alphabet.
    var vocabulary: [String] = []
    var idOfToken: [String: Int32] = [:]
    /// Each distinct word as token ids, and how often it occurs.
    var words: [[Int32]] = []
    var wordCounts: [Int] = []
    /// The current count of every pair ever seen (`left << 32 | right`).
    var pairCounts: [UInt64: Int] = [:]
    var queue = PairMergeQueue()
    /// The merges made, in order, with the id each one produced.
    var merges: [(pair: UInt64, newID: Int32)] = []
    /// Scratch: the pair count changes of one merge, and the words each gained pair is now in.
    var gained: [UInt64: [Int32]] = [:]

    init(configuration: BPETrainerConfiguration, words wordTable: [String: Int]) {
        for token in configuration.distinctSpecialTokens { addToken(token) }
        var idOfByte = [Int32](repeating: 0, count: 256)
        for byte in ByteLevelSymbols.bytesInAlphabetOrder {
            let token = ByteLevelSymbols.token(for: [byte])
            addToken(token)
            // A special token spelled like a byte's character takes that byte's place, as it
            // does in `tokenizers`, where both are the same string.
            idOfByte[Int(byte)] = idOfToken[token] ?? 0
        }
        // Words in byte order: a fixed numbering makes every later step independent of
        // dictionary order, so a run repeats exactly.
        let sorted = wordTable.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        words.reserveCapacity(sorted.count)
        wordCounts.reserveCapacity(sorted.count)
        for (word, count) in sorted where count > 0 {
            words.append(word.utf8.map { idOfByte[Int($0)] })
            wordCounts.append(count)
        }
        for (index, word) in words.enumerated() where word.count > 1 {
            for k in 0..<(word.count - 1) {
                let pair = BPETrainingState.key(word[k], word[k + 1])
                pairCounts[pair, default: 0] += wordCounts[index]
                note(pair, gainedIn: Int32(index))
            }
        }
        queueGainedPairs()
    }

    static func key(_ left: Int32, _ right: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }

    mutating func addToken(_ token: String) {
        guard idOfToken[token] == nil else { return }
        idOfToken[token] = Int32(vocabulary.count)
        vocabulary.append(token)
    }

    /// Records that `pair` now occurs in word `index`; a word's pairs are noted together, so
    /// comparing with the list's last entry is enough to list each word once.
    mutating func note(_ pair: UInt64, gainedIn index: Int32) {
        if let last = gained[pair]?.last, last == index { return }
        gained[pair, default: []].append(index)
    }

    /// Queues every pair that gained occurrences, with its current total count.
    mutating func queueGainedPairs() {
        // Sorted so that equal entries always enter the heap in the same order.
        for pair in gained.keys.sorted() {
            let count = pairCounts[pair] ?? 0
            if count > 0, let list = gained[pair] { queue.push(pair: pair, count: count, words: list) }
        }
        gained.removeAll(keepingCapacity: true)
    }

    /// Makes the next merge; false when no pair is frequent enough.
    ///
    /// Bound by the words the merged pair occurs in: each is rewritten once and only the pairs
    /// beside each merge change their counts.
    mutating func mergeNext(minimumFrequency: Int) -> Bool {
        while var top = queue.pop() {
            let current = pairCounts[top.pair] ?? 0
            if top.count != current {
                top.count = current
                queue.push(top)
                continue
            }
            if top.count < 1 || top.count < minimumFrequency { return false }
            let left = Int32(truncatingIfNeeded: top.pair >> 32)
            let right = Int32(truncatingIfNeeded: top.pair & 0xFFFF_FFFF)
            let token = vocabulary[Int(left)] + vocabulary[Int(right)]
            addToken(token)
            let newID = idOfToken[token] ?? 0
            merges.append((top.pair, newID))
            for index in queue.takeWords(of: top) {
                merge(left, right, into: newID, inWord: Int(index))
            }
            queueGainedPairs()
            return true
        }
        return false
    }

    /// Replaces each occurrence of `left right` in a word, scanning left to right without
    /// overlap, and updates the counts of the pairs around each replacement.
    mutating func merge(_ left: Int32, _ right: Int32, into newID: Int32, inWord index: Int) {
        let old = words[index]
        guard old.count > 1 else { return }
        let count = wordCounts[index]
        var rewritten: [Int32] = []
        rewritten.reserveCapacity(old.count)
        var k = 0
        var changed = false
        while k < old.count {
            if old[k] == left && k + 1 < old.count && old[k + 1] == right {
                changed = true
                if let previous = rewritten.last {
                    pairCounts[BPETrainingState.key(previous, left), default: 0] -= count
                    let pair = BPETrainingState.key(previous, newID)
                    pairCounts[pair, default: 0] += count
                    note(pair, gainedIn: Int32(index))
                }
                rewritten.append(newID)
                if k + 2 < old.count {
                    let next = old[k + 2]
                    pairCounts[BPETrainingState.key(right, next), default: 0] -= count
                    let pair = BPETrainingState.key(newID, next)
                    pairCounts[pair, default: 0] += count
                    note(pair, gainedIn: Int32(index))
                }
                k += 2
            } else {
                rewritten.append(old[k])
                k += 1
            }
        }
        if changed { words[index] = rewritten }
    }

    /// The merges in rank order; a pair merged twice keeps its later rank, as a map from pair
    /// to rank built in merge order does in `tokenizers`.
    func rankedMerges() -> [TrainedBPE.TokenPair] {
        var lastRank: [UInt64: Int] = [:]
        for (rank, merge) in merges.enumerated() { lastRank[merge.pair] = rank }
        return merges.enumerated().compactMap { rank, merge in
            guard lastRank[merge.pair] == rank else { return nil }
            return TrainedBPE.TokenPair(left: Int(merge.pair >> 32), right: Int(merge.pair & 0xFFFF_FFFF))
        }
    }
}
