extension BPETokenizer {
    /// The `tokenizer.ggml.pre` names this tokenizer supports.
    public static let supportedGGUFPreTokenizers = ["gpt-2", "qwen2", "llama-bpe", "llama3", "starcoder"]

    /// Builds the tokenizer a GGUF file describes; control tokens become special added tokens
    /// and user-defined tokens non-special ones, as llama.cpp's converter made them.
    ///
    /// The ids equal those of the model's tokenizer.json, which for Qwen2 includes NFC
    /// normalization; `followingLlamaCpp` skips it, as llama.cpp does, so text with decomposed
    /// accents gets llama.cpp's ids instead (all other text is the same either way).
    /// - Throws: `TokenizerError` for another tokenizer model, an unsupported pre-tokenizer,
    ///   arrays of different lengths, bad merges or ids out of range.
    public init(gguf metadata: GGUFTokenizerMetadata, followingLlamaCpp: Bool = false) throws {
        let source = metadata.source
        guard metadata.model == "gpt2" else {
            throw TokenizerError(source: source, field: "tokenizer.ggml.model", problem: "\"\(metadata.model)\" is not supported; only \"gpt2\" (byte-level BPE) is")
        }
        let preTokenizer: PreTokenizer
        var normalizer = TextNormalizer.none
        var ignoreMerges = false
        switch metadata.pre {
        case "gpt-2":
            preTokenizer = PreTokenizer(steps: [.byteLevel(addPrefixSpace: false, useRegex: true)])
        case "qwen2":
            // Qwen2's tokenizer.json normalizes to NFC; the GGUF keeps only the name.
            preTokenizer = PreTokenizer(steps: [.split(.llama3(maxDigits: 1), .isolated, invert: false),
                                                .byteLevel(addPrefixSpace: false, useRegex: false)])
            normalizer = followingLlamaCpp ? .none : .nfc
        case "llama-bpe", "llama3":
            preTokenizer = PreTokenizer(steps: [.split(.llama3(maxDigits: 3), .isolated, invert: false),
                                                .byteLevel(addPrefixSpace: false, useRegex: false)])
            ignoreMerges = true
        case "starcoder":
            preTokenizer = PreTokenizer(steps: [.digits(individual: true), .byteLevel(addPrefixSpace: false, useRegex: true)])
        default:
            let name = metadata.pre.map { "\"\($0)\"" } ?? "absent"
            throw TokenizerError(source: source, field: "tokenizer.ggml.pre", problem: "\(name) is not supported; supported: \(BPETokenizer.supportedGGUFPreTokenizers.joined(separator: ", "))")
        }
        if let types = metadata.tokenTypes, types.count != metadata.tokens.count {
            throw TokenizerError(source: source, field: "tokenizer.ggml.token_type", problem: "has \(types.count) entries for \(metadata.tokens.count) tokens")
        }
        var vocabulary: [String: Int] = [:]
        vocabulary.reserveCapacity(metadata.tokens.count)
        var added: [AddedToken] = []
        var unused: [(id: Int, token: String)] = []
        for (id, token) in metadata.tokens.enumerated() {
            let type = metadata.tokenTypes.map { GGUFTokenType(rawValue: Int32(truncatingIfNeeded: $0[id])) } ?? .normal
            switch type {
            case .control?, .userDefined?:
                added.append(AddedToken(id: id, content: token, special: type == .control))
            case .unused?:
                // Padding entries are no part of the vocabulary a tokenizer.json would hold.
                unused.append((id, token))
            default:
                if vocabulary[token] == nil { vocabulary[token] = id }
            }
        }
        var merges: [(String, String)] = []
        merges.reserveCapacity(metadata.merges.count)
        for (index, line) in metadata.merges.enumerated() {
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw TokenizerError(source: source, field: "tokenizer.ggml.merges[\(index)]", problem: "\"\(line)\" is not two tokens separated by one space")
            }
            merges.append((String(parts[0]), String(parts[1])))
        }
        try self.init(vocabulary: vocabulary, merges: merges, addedTokens: added, preTokenizer: preTokenizer,
                      normalizer: normalizer, ignoreMerges: ignoreMerges, unknownToken: nil, fuseUnknown: false,
                      source: source, mergesField: "tokenizer.ggml.merges", otherTokens: unused)
        for (key, id) in [("tokenizer.ggml.bos_token_id", metadata.bosTokenID), ("tokenizer.ggml.eos_token_id", metadata.eosTokenID),
                          ("tokenizer.ggml.padding_token_id", metadata.paddingTokenID)] {
            if let id, !(0..<metadata.tokens.count).contains(id) {
                throw TokenizerError(source: source, field: key, problem: "id \(id) is outside the \(metadata.tokens.count) tokens")
            }
        }
        bosTokenID = metadata.bosTokenID
        eosTokenID = metadata.eosTokenID
        paddingTokenID = metadata.paddingTokenID
        // An absent flag means no BOS, as a tokenizer.json without a template adds none;
        // llama.cpp's converter writes the flag for the models that want one (LLaMA-3).
        addsBOSToken = (metadata.addBOSToken ?? false) && bosTokenID != nil
    }
}
