import Foundation
import Testing
import Models

/// Hugging Face model directories: tokenizer.json with tokenizer_config.json, or the
/// vocab.json + merges.txt pair OPT ships.
struct TokenizerModelDirectoryTests {
    /// A fresh temporary directory holding `files`.
    func directory(_ files: [String: Data]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lce-tokenizer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: url.appendingPathComponent(name)) }
        return url
    }

    /// vocab.json and merges.txt holding the gpt2-style fixture's model.
    func vocabAndMerges() throws -> [String: Data] {
        let data = try Data(contentsOf: TokenizerFixtures.tokenizerURL("gpt2-style"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let model = try #require(json["model"] as? [String: Any])
        let merges = try #require(model["merges"] as? [[String]]).map { $0.joined(separator: " ") }
        let vocab = try JSONSerialization.data(withJSONObject: try #require(model["vocab"]))
        return ["vocab.json": vocab, "merges.txt": Data(("#version: 0.2\n" + merges.joined(separator: "\n") + "\n").utf8)]
    }

    @Test func tokenizerConfigNamesBosEosAndPad() throws {
        let config = #"{"bos_token": null, "eos_token": "<|im_end|>", "pad_token": {"content": "<|endoftext|>"}}"#
        let url = try directory(["tokenizer.json": try Data(contentsOf: TokenizerFixtures.tokenizerURL("qwen2-style")),
                                 "tokenizer_config.json": Data(config.utf8)])
        defer { try? FileManager.default.removeItem(at: url) }
        let tokenizer = try BPETokenizer(modelDirectory: url)
        #expect(tokenizer.bosTokenID == nil)
        #expect(tokenizer.eosTokenID == 2)
        #expect(tokenizer.paddingTokenID == 0)
        #expect(!tokenizer.addsBOSToken)
    }

    @Test func vocabAndMergesGiveTheIDsOfTheEquivalentTokenizerJSON() throws {
        var files = try vocabAndMerges()
        let config = #"""
        {"add_bos_token": true, "bos_token": {"content": "<|endoftext|>", "lstrip": false},
         "eos_token": "<|endoftext|>",
         "added_tokens_decoder": {
           "0": {"content": "<|endoftext|>", "special": true}, "1": {"content": "<|im_start|>", "special": true},
           "2": {"content": "<|im_end|>", "special": true}, "2000": {"content": "<tool_call>", "special": false},
           "2001": {"content": "</tool_call>", "special": false}}}
        """#
        files["tokenizer_config.json"] = Data(config.utf8)
        let url = try directory(files)
        defer { try? FileManager.default.removeItem(at: url) }
        let tokenizer = try BPETokenizer(modelDirectory: url)
        for sample in try TokenizerFixtures.cases("gpt2-style") {
            #expect(tokenizer.encode(sample.text) == sample.ids, "\(sample.text.debugDescription)")
        }
        #expect(tokenizer.bosTokenID == 0)
        #expect(tokenizer.addsBOSToken)
    }

    @Test func vocabAndMergesLoadWithoutATokenizerConfig() throws {
        let url = try directory(try vocabAndMerges())
        defer { try? FileManager.default.removeItem(at: url) }
        let tokenizer = try BPETokenizer(modelDirectory: url)
        #expect(tokenizer.encode("def f(x):") == (try TokenizerFixtures.tokenizer("gpt2-style")).encode("def f(x):"))
        #expect(tokenizer.eosTokenID == nil)
    }

    @Test func directoryWithoutTokenizerFilesNamesTokenizerJSON() throws {
        let url = try directory([:])
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: TokenizerError.self) { try BPETokenizer(modelDirectory: url) }
        #expect(error.source.hasSuffix("tokenizer.json"))
    }

    @Test func mergeLineWithoutOneSpaceNamesTheLine() throws {
        var files = try vocabAndMerges()
        files["merges.txt"] = Data("#version: 0.2\nĠ Ġ\nĠĠĠĠ\n".utf8)
        let url = try directory(files)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: TokenizerError.self) {
            try BPETokenizer(vocabJSON: url.appendingPathComponent("vocab.json"), mergesTXT: url.appendingPathComponent("merges.txt"))
        }
        #expect(error.field == "line 3")
    }

    @Test func templateProcessingBOSIsReported() throws {
        let data = try Data(contentsOf: TokenizerFixtures.tokenizerURL("llama3-style"))
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        json["post_processor"] = ["type": "Sequence", "processors": [
            ["type": "ByteLevel", "add_prefix_space": true, "trim_offsets": false, "use_regex": true],
            ["type": "TemplateProcessing", "single": [["SpecialToken": ["id": "<|im_start|>", "type_id": 0]], ["Sequence": ["id": "A", "type_id": 0]]],
             "pair": [], "special_tokens": [:]],
        ]]
        let tokenizer = try BPETokenizer(tokenizerJSONData: try JSONSerialization.data(withJSONObject: json))
        #expect(tokenizer.addsBOSToken)
        #expect(tokenizer.bosTokenID == 1)
    }
}
