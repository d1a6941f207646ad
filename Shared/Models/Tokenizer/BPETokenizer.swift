/// A byte-level BPE tokenizer (GPT-2, Qwen2, LLaMA-3 and StarCoder vocabularies) whose ids
/// equal those of Hugging Face `tokenizers` for the same tokenizer.json.
///
/// Encoding never adds BOS/EOS tokens (like `encode(text, add_special_tokens=False)`); callers
/// prepend `bosTokenID` when `addsBOSToken` says the model wants it. Copies share one cache of
/// encoded words.
public struct BPETokenizer: Sendable {
    let model: BPEModel
    let preTokenizer: PreTokenizer
    let normalizer: TextNormalizer
    /// Added tokens matched in raw text, then those matched in normalized text.
    let rawMatcher: AddedTokenMatcher
    let normalizedMatcher: AddedTokenMatcher
    /// Added tokens by content, for `id(forToken:)`.
    let addedTokensByContent: [String: AddedToken]
    /// Each id's token string (vocabulary spelling or added-token content); nil for unused ids.
    let tokenStrings: [String?]
    /// The bytes each id decodes to.
    let tokenBytes: [[UInt8]]
    /// Which ids are special added tokens.
    let specialFlags: [Bool]
    let cache = BPEWordCache()

    /// The added tokens, in id order.
    public let addedTokens: [AddedToken]
    /// The beginning-of-sequence token's id, when the source names one.
    public var bosTokenID: Int?
    /// The end-of-sequence token's id, when the source names one.
    public var eosTokenID: Int?
    /// The padding token's id, when the source names one.
    public var paddingTokenID: Int?
    /// Whether the model expects `bosTokenID` before every prompt (OPT, LLaMA-3); `encode`
    /// never adds it, so callers prepend it when this is true.
    public var addsBOSToken = false

    /// Assembles a tokenizer from parsed parts; `vocabulary` maps byte-level token strings to ids,
    /// and `otherTokens` are ids outside both it and the added tokens (GGUF padding entries).
    /// - Throws: `TokenizerError` naming `source` when a merge or an id is inconsistent.
    init(vocabulary: [String: Int], merges: [(String, String)], addedTokens: [AddedToken],
         preTokenizer: PreTokenizer, normalizer: TextNormalizer, ignoreMerges: Bool,
         unknownToken: String?, fuseUnknown: Bool, source: String, mergesField: String,
         otherTokens: [(id: Int, token: String)] = []) throws {
        var vocabulary32: [String: Int32] = [:]
        vocabulary32.reserveCapacity(vocabulary.count)
        for (token, id) in vocabulary {
            guard id >= 0 && id <= Int(Int32.max) - 1 else {
                throw TokenizerError(source: source, field: "model.vocab", problem: "token \"\(token)\" has id \(id), outside 0...\(Int32.max - 1)")
            }
            vocabulary32[token] = Int32(id)
        }
        for token in addedTokens where token.id < 0 || token.id > Int(Int32.max) - 1 {
            throw TokenizerError(source: source, field: "added_tokens", problem: "token \"\(token.content)\" has id \(token.id), outside 0...\(Int32.max - 1)")
        }
        model = try BPEModel(vocabulary: vocabulary32, merges: merges, ignoreMerges: ignoreMerges,
                             unknownToken: unknownToken, fuseUnknown: fuseUnknown, source: source, mergesField: mergesField)
        self.preTokenizer = preTokenizer
        self.normalizer = normalizer
        let sortedAdded = addedTokens.sorted { $0.id < $1.id }
        self.addedTokens = sortedAdded
        rawMatcher = AddedTokenMatcher(tokens: sortedAdded.filter { !$0.normalized }) { $0.content }
        normalizedMatcher = AddedTokenMatcher(tokens: sortedAdded.filter { $0.normalized }) { normalizer.normalize($0.content) }
        var byContent: [String: AddedToken] = [:]
        for token in sortedAdded where byContent[token.content] == nil { byContent[token.content] = token }
        addedTokensByContent = byContent

        let slots = max((vocabulary.values.max() ?? -1) + 1, (sortedAdded.last?.id ?? -1) + 1,
                        (otherTokens.map(\.id).max() ?? -1) + 1)
        // Lookups are arrays indexed by id, so a hostile id far past the listed tokens must not
        // size them; real vocabularies number their tokens densely.
        let listed = vocabulary.count + sortedAdded.count + otherTokens.count
        guard slots <= listed + (1 << 20) else {
            throw TokenizerError(source: source, field: "model.vocab", problem: "largest id \(slots - 1) is far beyond the \(listed) tokens listed; ids must be numbered densely")
        }
        var strings = [String?](repeating: nil, count: slots)
        for (id, token) in otherTokens where id >= 0 { strings[id] = token }
        for (token, id) in vocabulary { strings[id] = token }
        var special = [Bool](repeating: false, count: slots)
        for token in sortedAdded {
            strings[token.id] = token.content
            special[token.id] = token.special
        }
        tokenStrings = strings
        tokenBytes = strings.map { $0.map(ByteLevelAlphabet.decodedBytes(of:)) ?? [] }
        specialFlags = special
    }

    /// The number of id slots: one more than the largest id of the vocabulary and added tokens.
    public var vocabularySize: Int { tokenStrings.count }

    /// The ids of the special added tokens.
    public var specialTokenIDs: Set<Int> {
        Set(addedTokens.filter(\.special).map(\.id))
    }

    /// The id of a token given as its vocabulary spelling (`Ġhello`) or added-token content.
    public func id(forToken token: String) -> Int? {
        if let added = addedTokensByContent[token] { return added.id }
        return model.vocabulary[token].map(Int.init)
    }

    /// The token an id stands for, in its vocabulary spelling (`Ġhello`) or added-token content.
    public func token(forID id: Int) -> String? {
        guard id >= 0 && id < tokenStrings.count else { return nil }
        return tokenStrings[id]
    }

    /// Whether `id` is a special added token (such as `<|im_end|>`).
    public func isSpecial(_ id: Int) -> Bool {
        id >= 0 && id < specialFlags.count && specialFlags[id]
    }

    /// The ids of `text`; with `parseSpecialTokens` false, special tokens written in the text
    /// are encoded as ordinary text (non-special added tokens still match).
    public func encode(_ text: String, parseSpecialTokens: Bool = true) -> [Int] {
        var ids: [Int32] = []
        ids.reserveCapacity(text.utf8.count / 3 + 1)
        let bytes = Array(text.utf8)
        for segment in rawMatcher.segments(of: bytes[...], matchingSpecial: parseSpecialTokens) {
            switch segment {
            case .token(let id):
                ids.append(Int32(id))
            case .text(let range):
                let normalized = normalizer.normalize(bytes[range])
                for inner in normalizedMatcher.segments(of: normalized[...], matchingSpecial: parseSpecialTokens) {
                    switch inner {
                    case .token(let id):
                        ids.append(Int32(id))
                    case .text(let innerRange):
                        encodeOrdinaryText(Array(normalized[innerRange]), into: &ids)
                    }
                }
            }
        }
        return ids.map(Int.init)
    }

    /// Pre-tokenizes normalized text without added tokens and encodes each piece.
    private func encodeOrdinaryText(_ utf8: [UInt8], into ids: inout [Int32]) {
        preTokenizer.forEachPiece(of: utf8) { piece in
            // Merging a few bytes costs less than hashing them for the cache.
            if piece.count <= 4 {
                model.encodeWord(piece, into: &ids)
                return
            }
            let key = Array(piece)
            if let cached = cache.ids(for: key) {
                ids.append(contentsOf: cached)
                return
            }
            var wordIDs: [Int32] = []
            model.encodeWord(piece, into: &wordIDs)
            cache.store(wordIDs, for: key)
            ids.append(contentsOf: wordIDs)
        }
    }

    /// The pieces the normalizer and pre-tokenizer cut `text` into before BPE (added tokens
    /// are not matched), like `tokenizers`' `pre_tokenizer.pre_tokenize_str` after normalizing.
    public func preTokenize(_ text: String) -> [String] {
        var pieces: [String] = []
        preTokenizer.forEachPiece(of: normalizer.normalize(ArraySlice(text.utf8))) { piece in
            pieces.append(String(decoding: piece, as: UTF8.self))
        }
        return pieces
    }

    /// The bytes `ids` stand for; unknown ids are skipped, as are special tokens when asked.
    public func decodedBytes(_ ids: [Int], skipSpecialTokens: Bool = false) -> [UInt8] {
        var bytes: [UInt8] = []
        for id in ids where id >= 0 && id < tokenBytes.count {
            if skipSpecialTokens && specialFlags[id] { continue }
            bytes.append(contentsOf: tokenBytes[id])
        }
        return bytes
    }

    /// The text `ids` stand for; bytes that do not form valid UTF-8 become U+FFFD.
    public func decode(_ ids: [Int], skipSpecialTokens: Bool = false) -> String {
        String(decoding: decodedBytes(ids, skipSpecialTokens: skipSpecialTokens), as: UTF8.self)
    }

    /// A decoder for ids arriving one at a time, which emits text only in whole characters.
    public func streamingDecoder(skipSpecialTokens: Bool = false) -> StreamingDetokenizer {
        StreamingDetokenizer(tokenizer: self, skipSpecialTokens: skipSpecialTokens)
    }
}
