import Foundation
import Testing
import Models

/// Bad or unsupported tokenizer.json files give errors naming the field, never a crash.
struct TokenizerJSONErrorTests {
    /// The qwen2-style fixture with one edit applied to its JSON object.
    func editedFixture(_ edit: (inout [String: Any]) -> Void) throws -> Data {
        let data = try Data(contentsOf: TokenizerFixtures.tokenizerURL("qwen2-style"))
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        edit(&json)
        return try JSONSerialization.data(withJSONObject: json)
    }

    func loadError(_ data: Data) throws -> TokenizerError {
        try #require(throws: TokenizerError.self) { try BPETokenizer(tokenizerJSONData: data, source: "bad.json") }
    }

    @Test func unknownSplitRegexNamesThePatternField() throws {
        let data = try editedFixture { json in
            json["pre_tokenizer"] = ["type": "Sequence", "pretokenizers": [
                ["type": "Split", "pattern": ["Regex": #"\w+|\s+"#], "behavior": "Isolated", "invert": false],
                ["type": "ByteLevel", "add_prefix_space": false, "use_regex": false],
            ]]
        }
        let error = try loadError(data)
        #expect(error.source == "bad.json")
        #expect(error.field == "pre_tokenizer.pretokenizers[0].pattern.Regex")
        #expect(error.problem.contains(#"\w+|\s+"#))
    }

    @Test func mergeOfAnUnknownTokenNamesTheMerge() throws {
        let data = try editedFixture { json in
            var model = json["model"] as? [String: Any] ?? [:]
            var merges = model["merges"] as? [Any] ?? []
            merges[5] = ["Ġ", "nosuchtoken"]
            model["merges"] = merges
            json["model"] = model
        }
        let error = try loadError(data)
        #expect(error.field == "model.merges[5]")
        #expect(error.problem.contains("nosuchtoken"))
    }

    @Test func unigramModelIsRejected() throws {
        let data = try editedFixture { json in
            var model = json["model"] as? [String: Any] ?? [:]
            model["type"] = "Unigram"
            json["model"] = model
        }
        #expect(try loadError(data).field == "model.type")
    }

    @Test func unsupportedNormalizerIsRejected() throws {
        let data = try editedFixture { json in json["normalizer"] = ["type": "Lowercase"] }
        #expect(try loadError(data).field == "normalizer.type")
    }

    @Test func missingVocabularyNamesTheField() throws {
        let data = try editedFixture { json in
            var model = json["model"] as? [String: Any] ?? [:]
            model["vocab"] = nil
            json["model"] = model
        }
        let error = try loadError(data)
        #expect(error.field == "model.vocab")
    }

    @Test func idFarBeyondTheVocabularyIsAnError() throws {
        let data = try editedFixture { json in
            var model = json["model"] as? [String: Any] ?? [:]
            var vocab = model["vocab"] as? [String: Any] ?? [:]
            vocab["zzz-hostile"] = 2_000_000_000
            model["vocab"] = vocab
            json["model"] = model
        }
        let error = try loadError(data)
        #expect(error.field == "model.vocab")
        #expect(error.problem.contains("2000000000"))
    }

    @Test func truncatedFileIsAnError() throws {
        let data = try Data(contentsOf: TokenizerFixtures.tokenizerURL("qwen2-style")).prefix(5000)
        let error = try loadError(Data(data))
        #expect(error.source == "bad.json")
    }

    @Test func missingFileNamesThePath() throws {
        let url = URL(fileURLWithPath: "/nonexistent/tokenizer.json")
        let error = try #require(throws: TokenizerError.self) { try BPETokenizer(tokenizerJSON: url) }
        #expect(error.source == "/nonexistent/tokenizer.json")
    }
}
