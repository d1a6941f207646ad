/// The BPE model proper: a vocabulary and ranked merges over ids, applied to the bytes of one
/// pre-tokenized piece at a time.
struct BPEModel: Sendable {
    /// What merging a pair of ids gives, and how early the merge was learnt.
    struct Merge: Sendable {
        let rank: Int32
        let newID: Int32
    }

    /// Token string (in the byte-level alphabet) to id.
    let vocabulary: [String: Int32]
    /// The id of each single byte's token, -1 when the vocabulary lacks it.
    let byteIDs: [Int32]
    /// Merges keyed on `left << 32 | right`.
    let merges: [UInt64: Merge]
    /// Whether a piece that is itself a vocabulary token is emitted without merging (LLaMA-3).
    let ignoreMerges: Bool
    /// Piece bytes to id, for `ignoreMerges`.
    let idsByBytes: [[UInt8]: Int32]
    /// The id standing for bytes missing from the vocabulary, if any (else they are dropped).
    let unknownID: Int32?
    /// Whether consecutive unknown bytes give one unknown token.
    let fuseUnknown: Bool

    /// Builds the model; `merges` are pairs of token strings, earliest first.
    /// - Throws: `TokenizerError` when a merge names a token the vocabulary lacks.
    init(vocabulary: [String: Int32], merges: [(String, String)], ignoreMerges: Bool,
         unknownToken: String?, fuseUnknown: Bool, source: String, mergesField: String) throws {
        self.vocabulary = vocabulary
        self.ignoreMerges = ignoreMerges
        self.fuseUnknown = fuseUnknown
        byteIDs = ByteLevelAlphabet.scalarForByte.map { vocabulary[String($0)] ?? -1 }
        if let unknownToken {
            guard let id = vocabulary[unknownToken] else {
                throw TokenizerError(source: source, field: "model.unk_token", problem: "\"\(unknownToken)\" is not in the vocabulary")
            }
            unknownID = id
        } else {
            unknownID = nil
        }
        var table: [UInt64: Merge] = [:]
        table.reserveCapacity(merges.count)
        for (rank, (left, right)) in merges.enumerated() {
            guard let leftID = vocabulary[left], let rightID = vocabulary[right] else {
                let missing = vocabulary[left] == nil ? left : right
                throw TokenizerError(source: source, field: "\(mergesField)[\(rank)]", problem: "merge \"\(left) \(right)\" names \"\(missing)\", which is not in the vocabulary")
            }
            guard let newID = vocabulary[left + right] else {
                throw TokenizerError(source: source, field: "\(mergesField)[\(rank)]", problem: "merge \"\(left) \(right)\" gives \"\(left + right)\", which is not in the vocabulary")
            }
            let key = BPEModel.pairKey(leftID, rightID)
            // A repeated pair keeps its later rank, as a dictionary built in order would.
            table[key] = Merge(rank: Int32(rank), newID: newID)
        }
        self.merges = table
        var byBytes: [[UInt8]: Int32] = [:]
        if ignoreMerges {
            for (token, id) in vocabulary {
                if let bytes = ByteLevelAlphabet.bytes(of: token) { byBytes[bytes] = id }
            }
        }
        idsByBytes = byBytes
    }

    static func pairKey(_ left: Int32, _ right: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }

    /// Words up to this many symbols merge by scanning their pairs; longer ones use a heap,
    /// whose O(n log n) beats the scan's O(n^2) on long runs of spaces or symbols.
    static let longWordSymbols = 48

    /// Appends the ids of one piece's bytes to `ids`.
    ///
    /// Bound by merge lookups: each symbol pair is looked up in `merges` once when it forms,
    /// and a word of n bytes applies at most n - 1 merges.
    func encodeWord(_ word: ArraySlice<UInt8>, into ids: inout [Int32]) {
        if word.count == 1 {
            let id = byteIDs[Int(word[word.startIndex])]
            if id >= 0 { ids.append(id) } else if let unknownID { ids.append(unknownID) }
            return
        }
        if ignoreMerges, let id = idsByBytes[Array(word)] {
            ids.append(id)
            return
        }
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: word.count) { symbols in
            var count = 0
            var previousUnknown = false
            for byte in word {
                let id = byteIDs[Int(byte)]
                if id >= 0 {
                    symbols[count] = id
                    count += 1
                    previousUnknown = false
                } else if let unknownID {
                    if !(fuseUnknown && previousUnknown) {
                        symbols[count] = unknownID
                        count += 1
                    }
                    previousUnknown = true
                }
            }
            let used = UnsafeMutableBufferPointer(rebasing: symbols[0..<count])
            if count <= 1 {
                ids.append(contentsOf: used)
            } else if count <= BPEModel.longWordSymbols {
                mergeShortWord(used, into: &ids)
            } else {
                mergeLongWord(Array(used), into: &ids)
            }
        }
    }

    /// Applies merges to a short word: repeatedly the lowest-ranked adjacent pair, leftmost on
    /// ties, which is the order Hugging Face's heap gives; per-pair ranks are kept so each pair
    /// is looked up once, and the scratch space lives on the stack.
    private func mergeShortWord(_ symbol: UnsafeMutableBufferPointer<Int32>, into ids: inout [Int32]) {
        let count = symbol.count
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: count * 3) { scratch in
            // next[i]: the symbol after i (count at the end); rank[i], newID[i]: the merge of
            // the pair starting at i, rank Int32.max when there is none.
            let next = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
            let rank = UnsafeMutableBufferPointer(rebasing: scratch[count..<(2 * count)])
            let newID = UnsafeMutableBufferPointer(rebasing: scratch[(2 * count)..<(3 * count)])
            func lookUp(_ position: Int) {
                let right = Int(next[position])
                if right < count, let merge = merges[BPEModel.pairKey(symbol[position], symbol[right])] {
                    rank[position] = merge.rank
                    newID[position] = merge.newID
                } else {
                    rank[position] = Int32.max
                }
            }
            for position in 0..<count { next[position] = Int32(position + 1) }
            for position in 0..<count { lookUp(position) }
            while true {
                var best = -1
                var bestPrevious = -1
                var bestRank = Int32.max
                var previous = -1
                var position = 0
                while position < count {
                    if rank[position] < bestRank {
                        bestRank = rank[position]
                        best = position
                        bestPrevious = previous
                    }
                    previous = position
                    position = Int(next[position])
                }
                guard best >= 0 else { break }
                symbol[best] = newID[best]
                next[best] = next[Int(next[best])]
                lookUp(best)
                if bestPrevious >= 0 { lookUp(bestPrevious) }
            }
            var position = 0
            while position < count {
                ids.append(symbol[position])
                position = Int(next[position])
            }
        }
    }

    /// Applies merges to a long word with a heap of candidate merges, as Hugging Face's `Word`
    /// does: merged-away symbols are unlinked and stale heap entries skipped.
    private func mergeLongWord(_ initial: [Int32], into ids: inout [Int32]) {
        var symbol = initial
        let count = symbol.count
        var next = [Int](1...count)
        var previous = [Int](-1..<(count - 1))
        var alive = [Bool](repeating: true, count: count)
        var queue = BPEMergeQueue(capacity: count * 2)
        for position in 0..<(count - 1) {
            if let merge = merges[BPEModel.pairKey(symbol[position], symbol[position + 1])] {
                queue.push(.init(rank: merge.rank, position: position, newID: merge.newID))
            }
        }
        while let top = queue.pop() {
            let position = top.position
            guard alive[position], next[position] < count else { continue }
            let right = next[position]
            // An entry is stale when either symbol has changed since it was queued.
            guard let current = merges[BPEModel.pairKey(symbol[position], symbol[right])], current.newID == top.newID else { continue }
            symbol[position] = top.newID
            alive[right] = false
            next[position] = next[right]
            if next[right] < count { previous[next[right]] = position }
            if previous[position] >= 0 {
                let left = previous[position]
                if let merge = merges[BPEModel.pairKey(symbol[left], symbol[position])] {
                    queue.push(.init(rank: merge.rank, position: left, newID: merge.newID))
                }
            }
            if next[position] < count {
                if let merge = merges[BPEModel.pairKey(symbol[position], symbol[next[position]])] {
                    queue.push(.init(rank: merge.rank, position: position, newID: merge.newID))
                }
            }
        }
        var position = 0
        while position < count {
            ids.append(symbol[position])
            position = next[position]
        }
    }
}
