import Foundation

extension BPETokenizer {
    /// Loads a GPT-2-style tokenizer from `vocab.json` and `merges.txt` (what OPT and older GPT-2
    /// checkpoints ship), as `transformers` converts them: GPT-2's split without a prefix space,
    /// byte-level BPE, and no normalizer.
    /// - Throws: `TokenizerError` naming the file and line or entry that cannot be used.
    public init(vocabJSON: URL, mergesTXT: URL) throws {
        try self.init(vocabJSON: vocabJSON, mergesTXT: mergesTXT, addedTokens: [])
    }

    init(vocabJSON: URL, mergesTXT: URL, addedTokens: [ConfigAddedToken]) throws {
        let vocabulary: [String: Int]
        do {
            vocabulary = try JSONDecoder().decode([String: Int].self, from: Data(contentsOf: vocabJSON))
        } catch {
            throw TokenizerError(source: vocabJSON.path, field: "", problem: "not a JSON object of token to id: \(error.localizedDescription)")
        }
        let mergesText: String
        do {
            mergesText = try String(contentsOf: mergesTXT, encoding: .utf8)
        } catch {
            throw TokenizerError(source: mergesTXT.path, field: "", problem: "cannot read the file as UTF-8: \(error.localizedDescription)")
        }
        var merges: [(String, String)] = []
        // "\r\n" is one Character, so splitting on newline Characters handles both line ends.
        for (index, trimmed) in mergesText.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if trimmed.isEmpty || (index == 0 && trimmed.hasPrefix("#version")) { continue }
            let parts = trimmed.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw TokenizerError(source: mergesTXT.path, field: "line \(index + 1)", problem: "\"\(trimmed)\" is not two tokens separated by one space")
            }
            merges.append((String(parts[0]), String(parts[1])))
        }
        var added: [AddedToken] = []
        for token in addedTokens {
            guard let id = token.id ?? vocabulary[token.content] else {
                throw TokenizerError(source: vocabJSON.path, field: "", problem: "special token \"\(token.content)\" from tokenizer_config.json is not in the vocabulary")
            }
            added.append(AddedToken(id: id, content: token.content, special: token.special, lstrip: token.lstrip,
                                    rstrip: token.rstrip, normalized: token.normalized, singleWord: token.singleWord))
        }
        try self.init(vocabulary: vocabulary, merges: merges, addedTokens: added,
                      preTokenizer: PreTokenizer(steps: [.byteLevel(addPrefixSpace: false, useRegex: true)]),
                      normalizer: .none, ignoreMerges: false, unknownToken: nil, fuseUnknown: false,
                      source: mergesTXT.path, mergesField: "merges")
    }
}
