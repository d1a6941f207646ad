import Foundation

extension BPETokenizer {
    /// Loads a byte-level BPE tokenizer from a Hugging Face `tokenizer.json` file.
    /// - Throws: `TokenizerError` naming the file and field when it cannot be read or uses a
    ///   feature this tokenizer does not implement.
    public init(tokenizerJSON url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw TokenizerError(source: url.path, field: "", problem: "cannot read the file: \(error.localizedDescription)")
        }
        try self.init(tokenizerJSONData: data, source: url.path)
    }

    /// Loads a byte-level BPE tokenizer from the contents of a `tokenizer.json`; `source` names
    /// it in errors.
    /// - Throws: `TokenizerError` as `init(tokenizerJSON:)` does.
    public init(tokenizerJSONData data: Data, source: String = "tokenizer.json") throws {
        let file: TokenizerJSONFile
        do {
            file = try JSONDecoder().decode(TokenizerJSONFile.self, from: data)
        } catch let error as DecodingError {
            throw TokenizerError(source: source, field: BPETokenizer.fieldPath(of: error), problem: BPETokenizer.problem(of: error))
        }
        let model = file.model
        if let type = model.type, type != "BPE" {
            throw TokenizerError(source: source, field: "model.type", problem: "\"\(type)\" is not supported; only byte-level BPE is")
        }
        if model.byteFallback == true {
            throw TokenizerError(source: source, field: "model.byte_fallback", problem: "byte fallback (SentencePiece-style BPE) is not supported")
        }
        if let dropout = model.dropout, dropout > 0 {
            throw TokenizerError(source: source, field: "model.dropout", problem: "BPE dropout \(dropout) is not supported; encoding would not be deterministic")
        }
        if let prefix = model.continuingSubwordPrefix, !prefix.isEmpty {
            throw TokenizerError(source: source, field: "model.continuing_subword_prefix", problem: "\"\(prefix)\" is not supported by byte-level BPE")
        }
        if let suffix = model.endOfWordSuffix, !suffix.isEmpty {
            throw TokenizerError(source: source, field: "model.end_of_word_suffix", problem: "\"\(suffix)\" is not supported by byte-level BPE")
        }
        if let type = file.decoder?.type, type != "ByteLevel" {
            throw TokenizerError(source: source, field: "decoder.type", problem: "\"\(type)\" is not supported; only ByteLevel is")
        }
        let added = (file.addedTokens ?? []).map {
            AddedToken(id: $0.id, content: $0.content, special: $0.special ?? false, lstrip: $0.lstrip ?? false,
                       rstrip: $0.rstrip ?? false, normalized: $0.normalized ?? false, singleWord: $0.singleWord ?? false)
        }
        try self.init(vocabulary: model.vocab, merges: model.merges.map { ($0.left, $0.right) }, addedTokens: added,
                      preTokenizer: try BPETokenizer.preTokenizer(from: file.preTokenizer, source: source),
                      normalizer: try BPETokenizer.normalizer(from: file.normalizer, field: "normalizer", source: source),
                      ignoreMerges: model.ignoreMerges ?? false, unknownToken: model.unkToken,
                      fuseUnknown: model.fuseUnk ?? false, source: source, mergesField: "model.merges")
        if let bos = BPETokenizer.leadingTemplateToken(file.postProcessor) {
            guard let id = id(forToken: bos) else {
                throw TokenizerError(source: source, field: "post_processor.single", problem: "adds \"\(bos)\", which is not a token")
            }
            bosTokenID = id
            addsBOSToken = true
        }
    }

    /// The special token a TemplateProcessing puts before a single sequence, if any.
    private static func leadingTemplateToken(_ entry: TokenizerJSONFile.PostProcessorEntry?) -> String? {
        guard let entry else { return nil }
        if entry.type == "Sequence" {
            return (entry.processors ?? []).lazy.compactMap { leadingTemplateToken($0) }.first
        }
        guard entry.type == "TemplateProcessing" else { return nil }
        return entry.single?.first?.specialToken?.id
    }

    /// Loads the tokenizer of a Hugging Face model directory: `tokenizer.json`, or GPT-2-style
    /// `vocab.json` + `merges.txt` when there is none (as OPT ships), with the BOS, EOS and
    /// padding tokens, the added tokens and `add_bos_token` of `tokenizer_config.json` when present.
    /// - Throws: `TokenizerError` as `init(tokenizerJSON:)` does, or when the config names a
    ///   token the tokenizer lacks.
    public init(modelDirectory: URL) throws {
        let configURL = modelDirectory.appendingPathComponent("tokenizer_config.json")
        let config = try BPETokenizer.readConfig(configURL)
        let tokenizerJSON = modelDirectory.appendingPathComponent("tokenizer.json")
        let vocabJSON = modelDirectory.appendingPathComponent("vocab.json")
        let mergesTXT = modelDirectory.appendingPathComponent("merges.txt")
        let files = FileManager.default
        if !files.fileExists(atPath: tokenizerJSON.path) && files.fileExists(atPath: vocabJSON.path) && files.fileExists(atPath: mergesTXT.path) {
            try self.init(vocabJSON: vocabJSON, mergesTXT: mergesTXT,
                          addedTokens: try BPETokenizer.configAddedTokens(config ?? [:], source: configURL.path))
        } else {
            // Without either, the error names tokenizer.json, the file most directories have.
            try self.init(tokenizerJSON: tokenizerJSON)
        }
        guard let config else { return }
        func tokenID(_ key: String) throws -> Int? {
            guard let content = BPETokenizer.configTokenContent(config[key]) else { return nil }
            guard let id = id(forToken: content) else {
                throw TokenizerError(source: configURL.path, field: key, problem: "\"\(content)\" is not a token of the tokenizer")
            }
            return id
        }
        bosTokenID = try tokenID("bos_token") ?? bosTokenID
        eosTokenID = try tokenID("eos_token")
        paddingTokenID = try tokenID("pad_token")
        if let adds = config["add_bos_token"] as? Bool { addsBOSToken = adds }
    }

    /// The JSON object of a tokenizer_config.json, or nil when the file is absent.
    private static func readConfig(_ url: URL) throws -> [String: Any]? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        guard let config = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw TokenizerError(source: url.path, field: "", problem: "not a JSON object")
        }
        return config
    }

    /// A token in tokenizer_config.json: a string, or an object with `content`.
    private static func configTokenContent(_ value: Any?) -> String? {
        (value as? String) ?? ((value as? [String: Any])?["content"] as? String)
    }

    /// The tokens tokenizer_config.json's `added_tokens_decoder` lists, plus its named special
    /// tokens (bos, eos, unk, pad), which the vocabulary file already holds.
    private static func configAddedTokens(_ config: [String: Any], source: String) throws -> [ConfigAddedToken] {
        var result: [ConfigAddedToken] = []
        if let decoder = config["added_tokens_decoder"] as? [String: Any] {
            for (key, value) in decoder {
                guard let id = Int(key), let entry = value as? [String: Any], let content = entry["content"] as? String else {
                    throw TokenizerError(source: source, field: "added_tokens_decoder.\(key)", problem: "needs an integer key and a \"content\" string")
                }
                result.append(ConfigAddedToken(id: id, content: content, special: entry["special"] as? Bool ?? false,
                                               lstrip: entry["lstrip"] as? Bool ?? false, rstrip: entry["rstrip"] as? Bool ?? false,
                                               normalized: entry["normalized"] as? Bool ?? false, singleWord: entry["single_word"] as? Bool ?? false))
            }
        }
        for key in ["bos_token", "eos_token", "unk_token", "pad_token"] {
            guard let content = configTokenContent(config[key]), !result.contains(where: { $0.content == content }) else { continue }
            let entry = config[key] as? [String: Any] ?? [:]
            result.append(ConfigAddedToken(id: nil, content: content, special: true, lstrip: entry["lstrip"] as? Bool ?? false,
                                           rstrip: entry["rstrip"] as? Bool ?? false, normalized: false,
                                           singleWord: entry["single_word"] as? Bool ?? false))
        }
        return result
    }

    private static func normalizer(from entry: TokenizerJSONFile.NormalizerEntry?, field: String, source: String) throws -> TextNormalizer {
        guard let entry else { return .none }
        switch entry.type {
        case "NFC":
            return .nfc
        case "Sequence":
            var result = TextNormalizer.none
            for (index, inner) in (entry.normalizers ?? []).enumerated() {
                let normalizer = try normalizer(from: inner, field: "\(field).normalizers[\(index)]", source: source)
                if normalizer != .none { result = normalizer }
            }
            return result
        default:
            throw TokenizerError(source: source, field: "\(field).type", problem: "normalizer \"\(entry.type ?? "(none)")\" is not supported; only NFC or none is")
        }
    }

    private static func preTokenizer(from entry: TokenizerJSONFile.PreTokenizerEntry?, source: String) throws -> PreTokenizer {
        guard let entry else {
            throw TokenizerError(source: source, field: "pre_tokenizer", problem: "absent; byte-level BPE needs a ByteLevel pre-tokenizer")
        }
        var steps: [PreTokenizerStep] = []
        try appendSteps(of: entry, field: "pre_tokenizer", source: source, to: &steps)
        guard steps.contains(where: { if case .byteLevel = $0 { return true } else { return false } }) else {
            throw TokenizerError(source: source, field: "pre_tokenizer", problem: "has no ByteLevel step; only byte-level BPE is supported")
        }
        return PreTokenizer(steps: steps)
    }

    private static func appendSteps(of entry: TokenizerJSONFile.PreTokenizerEntry, field: String, source: String,
                                    to steps: inout [PreTokenizerStep]) throws {
        switch entry.type {
        case "Sequence":
            for (index, inner) in (entry.pretokenizers ?? []).enumerated() {
                try appendSteps(of: inner, field: "\(field).pretokenizers[\(index)]", source: source, to: &steps)
            }
        case "ByteLevel":
            steps.append(.byteLevel(addPrefixSpace: entry.addPrefixSpace ?? true, useRegex: entry.useRegex ?? true))
        case "Digits":
            steps.append(.digits(individual: entry.individualDigits ?? false))
        case "Split":
            guard let regex = entry.pattern?.regex else {
                let literal = entry.pattern?.string.map { "the literal \"\($0)\"" } ?? "no pattern"
                throw TokenizerError(source: source, field: "\(field).pattern", problem: "\(literal) is not supported; only the GPT-2, Qwen2 and LLaMA-3 regexes are")
            }
            guard let pattern = SplitPattern(regex: regex) else {
                throw TokenizerError(source: source, field: "\(field).pattern.Regex", problem: "unsupported split pattern \(regex); only the GPT-2, Qwen2 and LLaMA-3 regexes are recognised")
            }
            let behaviorName = entry.behavior ?? "Isolated"
            guard let behavior = SplitBehavior(rawValue: behaviorName) else {
                throw TokenizerError(source: source, field: "\(field).behavior", problem: "unknown split behavior \"\(behaviorName)\"")
            }
            steps.append(.split(pattern, behavior, invert: entry.invert ?? false))
        default:
            throw TokenizerError(source: source, field: "\(field).type", problem: "pre-tokenizer \"\(entry.type ?? "(none)")\" is not supported; only ByteLevel, Split, Digits and Sequence are")
        }
    }

    private static func fieldPath(of error: DecodingError) -> String {
        let path: [CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
        @unknown default:
            path = []
        }
        return path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
            .joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    private static func problem(of error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let context): return "expected \(type): \(context.debugDescription)"
        case .valueNotFound(let type, _): return "missing \(type) value"
        case .keyNotFound(let key, _): return "missing field \"\(key.stringValue)\""
        case .dataCorrupted(let context): return context.debugDescription
        @unknown default: return "\(error)"
        }
    }
}
