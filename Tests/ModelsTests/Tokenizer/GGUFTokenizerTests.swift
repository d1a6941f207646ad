import Foundation
import Testing
import Models

/// The tokenizer built from `tokenizer.ggml.*` arrays, against the ids of the equivalent tokenizer.json.
struct GGUFTokenizerTests {
    /// Fixture tokenizers and the `tokenizer.ggml.pre` name llama.cpp gives their pre-tokenizer.
    static let fixturesWithPre = [("qwen2-style", "qwen2"), ("gpt2-style", "gpt-2"), ("llama3-style", "llama-bpe"), ("starcoder-style", "starcoder")]

    @Test(arguments: fixturesWithPre)
    func ggufArraysGiveTheSameIDsAsTokenizerJSON(name: String, pre: String) throws {
        let tokenizer = try BPETokenizer(gguf: try TokenizerFixtures.ggufMetadata(name, pre: pre))
        for sample in try TokenizerFixtures.cases(name) {
            #expect(tokenizer.encode(sample.text) == sample.ids, "\(name): \(sample.text.debugDescription)")
            #expect(Array(tokenizer.decode(sample.ids).utf8) == Array(sample.decoded.utf8), "\(name): \(sample.text.debugDescription)")
        }
    }

    @Test func controlTokensAreSpecialAndUserDefinedTokensAreNot() throws {
        let tokenizer = try BPETokenizer(gguf: try TokenizerFixtures.ggufMetadata("qwen2-style", pre: "qwen2"))
        #expect(tokenizer.specialTokenIDs == [0, 1, 2])
        #expect(tokenizer.encode("<tool_call>x", parseSpecialTokens: false).first == tokenizer.id(forToken: "<tool_call>"))
        #expect(tokenizer.bosTokenID == 0)
        #expect(tokenizer.eosTokenID == 0)
        #expect(tokenizer.paddingTokenID == nil)
    }

    @Test func addBOSTokenFlagIsKeptAndDefaultsToFalse() throws {
        var metadata = try TokenizerFixtures.ggufMetadata("llama3-style", pre: "llama-bpe")
        #expect(try !BPETokenizer(gguf: metadata).addsBOSToken)
        metadata.addBOSToken = true
        #expect(try BPETokenizer(gguf: metadata).addsBOSToken)
    }

    @Test func followingLlamaCppSkipsQwen2sNFC() throws {
        let metadata = try TokenizerFixtures.ggufMetadata("qwen2-style", pre: "qwen2")
        let decomposed = "cafe\u{301}"
        let asLlamaCpp = try BPETokenizer(gguf: metadata, followingLlamaCpp: true)
        let asTokenizerJSON = try BPETokenizer(gguf: metadata)
        #expect(asLlamaCpp.decodedBytes(asLlamaCpp.encode(decomposed)) == Array(decomposed.utf8))
        #expect(asTokenizerJSON.decodedBytes(asTokenizerJSON.encode(decomposed)) == Array("caf\u{E9}".utf8))
    }

    @Test func unusedPaddingTokensKeepTheirIDSlots() throws {
        var metadata = try TokenizerFixtures.ggufMetadata("qwen2-style", pre: "qwen2")
        metadata.tokens += ["[PAD2002]", "[PAD2003]"]
        metadata.tokenTypes? += [Int(GGUFTokenType.unused.rawValue), Int(GGUFTokenType.unused.rawValue)]
        let tokenizer = try BPETokenizer(gguf: metadata)
        #expect(tokenizer.vocabularySize == 2004)
        #expect(tokenizer.token(forID: 2003) == "[PAD2003]")
        #expect(tokenizer.encode("[PAD2003]").count > 1)
    }

    @Test func metadataIsReadThroughAMetadataSource() throws {
        let expected = try TokenizerFixtures.ggufMetadata("starcoder-style", pre: "starcoder")
        let source = DictionaryMetadataSource(strings: ["tokenizer.ggml.model": "gpt2", "tokenizer.ggml.pre": "starcoder"],
                                              stringArrays: ["tokenizer.ggml.tokens": expected.tokens, "tokenizer.ggml.merges": expected.merges],
                                              integerArrays: ["tokenizer.ggml.token_type": expected.tokenTypes ?? []],
                                              integers: ["tokenizer.ggml.bos_token_id": 0, "tokenizer.ggml.eos_token_id": 0],
                                              bools: ["tokenizer.ggml.add_bos_token": false])
        var metadata = try GGUFTokenizerMetadata(reading: source, source: expected.source)
        #expect(metadata.addBOSToken == false)
        metadata.addBOSToken = nil
        #expect(metadata == expected)
    }

    @Test func missingTokensArrayNamesTheKey() throws {
        let source = DictionaryMetadataSource(strings: ["tokenizer.ggml.model": "gpt2"], stringArrays: [:], integerArrays: [:], integers: [:])
        let error = try #require(throws: TokenizerError.self) { try GGUFTokenizerMetadata(reading: source, source: "model.gguf") }
        #expect(error.field == "tokenizer.ggml.tokens")
        #expect(error.source == "model.gguf")
    }

    @Test func unsupportedPreTokenizerIsAnErrorNamingIt() throws {
        let metadata = try TokenizerFixtures.ggufMetadata("qwen2-style", pre: "deepseek-coder")
        let error = try #require(throws: TokenizerError.self) { try BPETokenizer(gguf: metadata) }
        #expect(error.field == "tokenizer.ggml.pre")
        #expect(error.problem.contains("deepseek-coder"))
    }

    @Test func nonBPEModelIsAnError() throws {
        var metadata = try TokenizerFixtures.ggufMetadata("qwen2-style", pre: "qwen2")
        metadata.model = "llama"
        let error = try #require(throws: TokenizerError.self) { try BPETokenizer(gguf: metadata) }
        #expect(error.field == "tokenizer.ggml.model")
    }

    @Test func tokenTypesOfAnotherLengthAreAnError() throws {
        var metadata = try TokenizerFixtures.ggufMetadata("qwen2-style", pre: "qwen2")
        metadata.tokenTypes?.removeLast()
        let error = try #require(throws: TokenizerError.self) { try BPETokenizer(gguf: metadata) }
        #expect(error.field == "tokenizer.ggml.token_type")
    }

    @Test func eosIDOutsideTheVocabularyIsAnError() throws {
        var metadata = try TokenizerFixtures.ggufMetadata("qwen2-style", pre: "qwen2")
        metadata.eosTokenID = metadata.tokens.count
        let error = try #require(throws: TokenizerError.self) { try BPETokenizer(gguf: metadata) }
        #expect(error.field == "tokenizer.ggml.eos_token_id")
    }

    @Test func mergeWithoutOneSpaceIsAnError() throws {
        var metadata = try TokenizerFixtures.ggufMetadata("qwen2-style", pre: "qwen2")
        metadata.merges[3] = "abc"
        let error = try #require(throws: TokenizerError.self) { try BPETokenizer(gguf: metadata) }
        #expect(error.field == "tokenizer.ggml.merges[3]")
    }
}

/// GGUF metadata held in dictionaries, standing in for a GGUF reader.
struct DictionaryMetadataSource: GGUFMetadataSource {
    var strings: [String: String]
    var stringArrays: [String: [String]]
    var integerArrays: [String: [Int]]
    var integers: [String: Int]
    var bools: [String: Bool] = [:]

    func ggufString(_ key: String) -> String? { strings[key] }
    func ggufStringArray(_ key: String) -> [String]? { stringArrays[key] }
    func ggufIntegerArray(_ key: String) -> [Int]? { integerArrays[key] }
    func ggufInteger(_ key: String) -> Int? { integers[key] }
    func ggufBool(_ key: String) -> Bool? { bools[key] }
}
