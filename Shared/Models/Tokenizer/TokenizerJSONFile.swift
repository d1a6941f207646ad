/// The parts of a Hugging Face tokenizer.json this tokenizer reads, as decoded from JSON.
struct TokenizerJSONFile: Decodable {
    let addedTokens: [AddedTokenEntry]?
    let normalizer: NormalizerEntry?
    let preTokenizer: PreTokenizerEntry?
    let decoder: TypedEntry?
    let postProcessor: PostProcessorEntry?
    let model: ModelEntry

    enum CodingKeys: String, CodingKey {
        case addedTokens = "added_tokens"
        case normalizer
        case preTokenizer = "pre_tokenizer"
        case decoder
        case postProcessor = "post_processor"
        case model
    }

    /// A post-processor; only a TemplateProcessing's leading special token (the BOS it adds) is read.
    struct PostProcessorEntry: Decodable {
        let type: String?
        let processors: [PostProcessorEntry]?
        let single: [TemplatePiece]?
    }

    /// One item of a TemplateProcessing template: a special token or the sequence itself.
    struct TemplatePiece: Decodable {
        let specialToken: TemplateID?

        enum CodingKeys: String, CodingKey {
            case specialToken = "SpecialToken"
        }
    }

    struct TemplateID: Decodable {
        let id: String
    }

    struct AddedTokenEntry: Decodable {
        let id: Int
        let content: String
        let singleWord: Bool?
        let lstrip: Bool?
        let rstrip: Bool?
        let normalized: Bool?
        let special: Bool?

        enum CodingKeys: String, CodingKey {
            case id, content, lstrip, rstrip, normalized, special
            case singleWord = "single_word"
        }
    }

    struct TypedEntry: Decodable {
        let type: String?
    }

    struct NormalizerEntry: Decodable {
        let type: String?
        let normalizers: [NormalizerEntry]?
    }

    struct PreTokenizerEntry: Decodable {
        let type: String?
        let pretokenizers: [PreTokenizerEntry]?
        let pattern: PatternEntry?
        let behavior: String?
        let invert: Bool?
        let addPrefixSpace: Bool?
        let useRegex: Bool?
        let individualDigits: Bool?

        enum CodingKeys: String, CodingKey {
            case type, pretokenizers, pattern, behavior, invert
            case addPrefixSpace = "add_prefix_space"
            case useRegex = "use_regex"
            case individualDigits = "individual_digits"
        }
    }

    struct PatternEntry: Decodable {
        let regex: String?
        let string: String?

        enum CodingKeys: String, CodingKey {
            case regex = "Regex"
            case string = "String"
        }
    }

    struct ModelEntry: Decodable {
        let type: String?
        let vocab: [String: Int]
        let merges: [MergeEntry]
        let ignoreMerges: Bool?
        let unkToken: String?
        let fuseUnk: Bool?
        let byteFallback: Bool?
        let dropout: Double?
        let continuingSubwordPrefix: String?
        let endOfWordSuffix: String?

        enum CodingKeys: String, CodingKey {
            case type, vocab, merges, dropout
            case ignoreMerges = "ignore_merges"
            case unkToken = "unk_token"
            case fuseUnk = "fuse_unk"
            case byteFallback = "byte_fallback"
            case continuingSubwordPrefix = "continuing_subword_prefix"
            case endOfWordSuffix = "end_of_word_suffix"
        }
    }

    /// A merge, written either as `"a b"` or, in newer files, as `["a", "b"]`.
    struct MergeEntry: Decodable {
        let left: String
        let right: String

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let pair = try? container.decode([String].self) {
                guard pair.count == 2 else {
                    throw DecodingError.dataCorruptedError(in: container, debugDescription: "a merge must be two tokens, found \(pair.count)")
                }
                left = pair[0]
                right = pair[1]
                return
            }
            let line = try container.decode(String.self)
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "merge \"\(line)\" is not two tokens separated by one space")
            }
            left = String(parts[0])
            right = String(parts[1])
        }
    }
}
