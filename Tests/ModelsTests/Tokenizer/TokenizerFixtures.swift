import Foundation
import Testing
import Models

/// The committed fixtures made by Fixtures/make_tokenizer_fixtures.py with Hugging Face `tokenizers`.
enum TokenizerFixtures {
    /// One text and what `tokenizers` made of it.
    struct Case: Decodable {
        let text: String
        let ids: [Int]
        let idsSpecialAsText: [Int]
        let decoded: String
        let decodedSkippingSpecial: String

        enum CodingKeys: String, CodingKey {
            case text, ids, decoded
            case idsSpecialAsText = "ids_special_as_text"
            case decodedSkippingSpecial = "decoded_skipping_special"
        }
    }

    /// The real model's cases with the ids its GGUF names.
    struct RealModelCases: Decodable {
        let vocabSize: Int
        let bosTokenID: Int
        let eosTokenID: Int
        let paddingTokenID: Int
        let cases: [Case]

        enum CodingKeys: String, CodingKey {
            case cases
            case vocabSize = "vocab_size"
            case bosTokenID = "bos_token_id"
            case eosTokenID = "eos_token_id"
            case paddingTokenID = "padding_token_id"
        }
    }

    /// The small trained tokenizers, by fixture name.
    static let names = ["gpt2-style", "gpt2-prefix-space", "qwen2-style", "qwen2-normalized-token", "llama3-style", "starcoder-style"]

    /// The token spelling one byte in GPT-2's byte-to-unicode table: printable Latin-1 bytes
    /// stand for themselves, the other 68 for U+0100 onwards in byte order.
    static func byteToken(_ byte: UInt8) -> String {
        func printable(_ b: Int) -> Bool { (0x21...0x7E).contains(b) || (0xA1...0xAC).contains(b) || (0xAE...0xFF).contains(b) }
        let value = printable(Int(byte)) ? Int(byte) : 256 + (0..<Int(byte)).filter { !printable($0) }.count
        return Unicode.Scalar(UInt32(value)).map { String(Character($0)) } ?? ""
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func tokenizerURL(_ name: String) -> URL {
        directory.appendingPathComponent("\(name).tokenizer.json")
    }

    static func tokenizer(_ name: String) throws -> BPETokenizer {
        try BPETokenizer(tokenizerJSON: tokenizerURL(name))
    }

    static func cases(_ name: String) throws -> [Case] {
        let data = try Data(contentsOf: directory.appendingPathComponent("\(name).cases.json"))
        return try JSONDecoder().decode([Case].self, from: data)
    }

    static func realModelCases() throws -> RealModelCases {
        let data = try Data(contentsOf: directory.appendingPathComponent("qwen2.5-coder-gguf.cases.json"))
        return try JSONDecoder().decode(RealModelCases.self, from: data)
    }

    /// The GGUF-style arrays of a fixture tokenizer.json, as llama.cpp's converter would write them.
    static func ggufMetadata(_ name: String, pre: String) throws -> GGUFTokenizerMetadata {
        let data = try Data(contentsOf: tokenizerURL(name))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let model = try #require(json["model"] as? [String: Any])
        let vocab = try #require(model["vocab"] as? [String: Int])
        let added = try #require(json["added_tokens"] as? [[String: Any]])
        let merges = try #require(model["merges"] as? [Any]).map { entry -> String in
            (entry as? [String])?.joined(separator: " ") ?? (entry as? String ?? "")
        }
        var tokens = [String](repeating: "", count: vocab.count + added.count)
        var types = [Int](repeating: Int(GGUFTokenType.normal.rawValue), count: tokens.count)
        for (token, id) in vocab where id < tokens.count { tokens[id] = token }
        for token in added {
            let id = try #require(token["id"] as? Int)
            tokens[id] = try #require(token["content"] as? String)
            let special = token["special"] as? Bool ?? false
            types[id] = Int((special ? GGUFTokenType.control : GGUFTokenType.userDefined).rawValue)
        }
        let count = (Array(vocab.values) + added.compactMap { $0["id"] as? Int }).max().map { $0 + 1 } ?? 0
        return GGUFTokenizerMetadata(model: "gpt2", pre: pre, tokens: Array(tokens.prefix(count)), tokenTypes: Array(types.prefix(count)),
                                     merges: merges, bosTokenID: 0, eosTokenID: 0, paddingTokenID: nil, source: "\(name) as GGUF")
    }
}
