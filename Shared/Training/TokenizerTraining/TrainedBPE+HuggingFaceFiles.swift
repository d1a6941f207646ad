import Foundation

extension TrainedBPE {
    /// The names of the files `write(to:settings:)` creates.
    public static let huggingFaceFileNames = ["tokenizer.json", "vocab.json", "merges.txt", "tokenizer_config.json", "special_tokens_map.json"]

    /// Writes the tokenizer as a GPT-2 checkpoint ships it: tokenizer.json (what `tokenizers`
    /// and the project load), vocab.json + merges.txt (the slow GPT2Tokenizer),
    /// tokenizer_config.json and special_tokens_map.json (what AutoTokenizer reads first).
    /// The bytes depend only on the tokenizer and settings.
    /// - Throws: `TokenizerTrainingError` when a role names a token that is not special, or a
    ///   file cannot be written.
    public func write(to directory: URL, settings: TokenizerFileSettings = TokenizerFileSettings()) throws {
        for (role, token) in [("end-of-text token", settings.endOfTextToken), ("padding token", settings.paddingToken)] {
            if let token, !specialTokens.contains(token) {
                throw TokenizerTrainingError(subject: role, problem: "\"\(token)\" is not one of the special tokens \(specialTokens)")
            }
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw TokenizerTrainingError(subject: directory.path, problem: "cannot create the directory: \(error.localizedDescription)")
        }
        let files = [
            ("tokenizer.json", tokenizerJSON()),
            ("vocab.json", vocabJSON()),
            ("merges.txt", mergesText()),
            ("tokenizer_config.json", tokenizerConfigJSON(settings)),
            ("special_tokens_map.json", specialTokensMapJSON(settings)),
        ]
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            do {
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw TokenizerTrainingError(subject: url.path, problem: "cannot write the file: \(error.localizedDescription)")
            }
        }
    }

    /// tokenizer.json in the layout `tokenizers` saves a GPT-2 tokenizer in; merges use the
    /// `"a b"` form every version reads (byte-level tokens never contain a space).
    public func tokenizerJSON() -> String {
        var out = "{\n  \"version\": \"1.0\",\n  \"truncation\": null,\n  \"padding\": null,\n  \"added_tokens\": ["
        for (index, token) in specialTokens.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"id\": \(index), \"content\": \(Self.quoted(token)), \"single_word\": false, \"lstrip\": false, \"rstrip\": false, \"normalized\": false, \"special\": true}"
        }
        out += specialTokens.isEmpty ? "],\n" : "\n  ],\n"
        out += "  \"normalizer\": null,\n"
        out += "  \"pre_tokenizer\": \(preTokenizer.tokenizerJSONFragment),\n"
        out += "  \"post_processor\": {\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":false,\"use_regex\":true},\n"
        out += "  \"decoder\": {\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true,\"use_regex\":true},\n"
        out += "  \"model\": {\n    \"type\": \"BPE\",\n    \"dropout\": null,\n    \"unk_token\": null,\n"
        out += "    \"continuing_subword_prefix\": null,\n    \"end_of_word_suffix\": null,\n    \"fuse_unk\": false,\n"
        out += "    \"byte_fallback\": false,\n    \"ignore_merges\": false,\n    \"vocab\": {"
        for (id, token) in vocabulary.enumerated() {
            out += id == 0 ? "\n      " : ",\n      "
            out += "\(Self.quoted(token)): \(id)"
        }
        out += "\n    },\n    \"merges\": ["
        for (index, merge) in mergeStrings.enumerated() {
            out += index == 0 ? "\n      " : ",\n      "
            out += Self.quoted(merge.0 + " " + merge.1)
        }
        out += "\n    ]\n  }\n}\n"
        return out
    }

    /// vocab.json: token to id, in id order.
    public func vocabJSON() -> String {
        var out = "{"
        for (id, token) in vocabulary.enumerated() {
            out += id == 0 ? "\n  " : ",\n  "
            out += "\(Self.quoted(token)): \(id)"
        }
        return out + "\n}\n"
    }

    /// merges.txt: a version line, then one merge per line, earliest first.
    public func mergesText() -> String {
        var out = "#version: 0.2\n"
        for (left, right) in mergeStrings { out += "\(left) \(right)\n" }
        return out
    }

    /// tokenizer_config.json for `transformers`' GPT2Tokenizer / GPT2TokenizerFast.
    public func tokenizerConfigJSON(_ settings: TokenizerFileSettings) -> String {
        var out = "{\n  \"add_bos_token\": false,\n  \"add_prefix_space\": false,\n  \"added_tokens_decoder\": {"
        for (index, token) in specialTokens.enumerated() {
            out += index == 0 ? "\n    " : ",\n    "
            out += "\"\(index)\": {\"content\": \(Self.quoted(token)), \"lstrip\": false, \"normalized\": false, \"rstrip\": false, \"single_word\": false, \"special\": true}"
        }
        out += specialTokens.isEmpty ? "},\n" : "\n  },\n"
        let additional = additionalSpecialTokens(settings)
        out += "  \"additional_special_tokens\": [\(additional.map(Self.quoted).joined(separator: ", "))],\n"
        out += "  \"bos_token\": \(Self.quoted(settings.endOfTextToken)),\n"
        out += "  \"clean_up_tokenization_spaces\": false,\n"
        out += "  \"eos_token\": \(Self.quoted(settings.endOfTextToken)),\n"
        out += "  \"errors\": \"replace\",\n"
        out += "  \"model_max_length\": \(settings.modelMaxLength),\n"
        if let padding = settings.paddingToken { out += "  \"pad_token\": \(Self.quoted(padding)),\n" }
        out += "  \"tokenizer_class\": \"GPT2Tokenizer\",\n"
        out += "  \"unk_token\": \(Self.quoted(settings.endOfTextToken))\n}\n"
        return out
    }

    /// special_tokens_map.json: the token of each role.
    public func specialTokensMapJSON(_ settings: TokenizerFileSettings) -> String {
        let additional = additionalSpecialTokens(settings)
        var out = "{\n  \"additional_special_tokens\": [\(additional.map(Self.quoted).joined(separator: ", "))],\n"
        out += "  \"bos_token\": \(Self.quoted(settings.endOfTextToken)),\n"
        out += "  \"eos_token\": \(Self.quoted(settings.endOfTextToken)),\n"
        if let padding = settings.paddingToken { out += "  \"pad_token\": \(Self.quoted(padding)),\n" }
        out += "  \"unk_token\": \(Self.quoted(settings.endOfTextToken))\n}\n"
        return out
    }

    /// Special tokens with no named role (the fill-in-the-middle markers).
    private func additionalSpecialTokens(_ settings: TokenizerFileSettings) -> [String] {
        specialTokens.filter { $0 != settings.endOfTextToken && $0 != settings.paddingToken }
    }

    /// `text` as a JSON string literal; non-ASCII stays UTF-8, as `tokenizers` writes it.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
