import Foundation
import Testing
import Models

/// Ids and text against what Hugging Face `tokenizers` gives for the same tokenizer.json.
struct BPETokenizerFixtureTests {
    @Test(arguments: TokenizerFixtures.names)
    func encodeMatchesHuggingFace(name: String) throws {
        let tokenizer = try TokenizerFixtures.tokenizer(name)
        for sample in try TokenizerFixtures.cases(name) {
            #expect(tokenizer.encode(sample.text) == sample.ids, "\(name): \(sample.text.debugDescription)")
        }
    }

    @Test(arguments: TokenizerFixtures.names)
    func encodeWithoutSpecialTokensMatchesHuggingFace(name: String) throws {
        let tokenizer = try TokenizerFixtures.tokenizer(name)
        for sample in try TokenizerFixtures.cases(name) {
            #expect(tokenizer.encode(sample.text, parseSpecialTokens: false) == sample.idsSpecialAsText,
                    "\(name): \(sample.text.debugDescription)")
        }
    }

    @Test(arguments: TokenizerFixtures.names)
    func decodeMatchesHuggingFace(name: String) throws {
        let tokenizer = try TokenizerFixtures.tokenizer(name)
        for sample in try TokenizerFixtures.cases(name) {
            #expect(Array(tokenizer.decode(sample.ids).utf8) == Array(sample.decoded.utf8), "\(name): \(sample.text.debugDescription)")
        }
    }

    @Test(arguments: TokenizerFixtures.names)
    func decodeSkippingSpecialTokensMatchesHuggingFace(name: String) throws {
        let tokenizer = try TokenizerFixtures.tokenizer(name)
        for sample in try TokenizerFixtures.cases(name) {
            #expect(Array(tokenizer.decode(sample.ids, skipSpecialTokens: true).utf8) == Array(sample.decodedSkippingSpecial.utf8),
                    "\(name): \(sample.text.debugDescription)")
        }
    }

    @Test func decodeGivesBackTheExactText() throws {
        let tokenizer = try TokenizerFixtures.tokenizer("gpt2-style")
        let text = "  tabs\t\tand CRLF\r\n, emoji 🧑‍💻, e\u{301}, 中文, trailing   "
        #expect(Array(tokenizer.decode(tokenizer.encode(text)).utf8) == Array(text.utf8))
    }

    @Test func encodingTwiceUsesTheCacheAndGivesTheSameIDs() throws {
        let tokenizer = try TokenizerFixtures.tokenizer("qwen2-style")
        let text = "def reverse_string(s: str) -> str:\n    return s[::-1]\n"
        let first = tokenizer.encode(text)
        #expect(tokenizer.encode(text) == first)
        #expect(first.count > 5)
    }

    @Test func lookupsMapTokensAndIDsBothWays() throws {
        let tokenizer = try TokenizerFixtures.tokenizer("qwen2-style")
        let id = try #require(tokenizer.id(forToken: "<|im_end|>"))
        #expect(tokenizer.token(forID: id) == "<|im_end|>")
        #expect(tokenizer.isSpecial(id))
        let toolCall = try #require(tokenizer.id(forToken: "<tool_call>"))
        #expect(!tokenizer.isSpecial(toolCall))
        #expect(tokenizer.specialTokenIDs == [0, 1, 2])
        let space = try #require(tokenizer.id(forToken: "Ġ"))
        #expect(tokenizer.decode([space]) == " ")
        #expect(tokenizer.token(forID: tokenizer.vocabularySize) == nil)
        #expect(tokenizer.vocabularySize == 2002)
    }
}
