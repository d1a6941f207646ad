import Testing
import Models

struct StreamingDetokenizerTests {
    @Test func streamedPiecesJoinToTheFullDecode() throws {
        let tokenizer = try TokenizerFixtures.tokenizer("qwen2-style")
        let text = "emoji 😀🚀 👍🏽, 中文 and \u{E9}<|im_end|> done"
        let ids = tokenizer.encode(text)
        var stream = tokenizer.streamingDecoder()
        var streamed = ""
        for id in ids { streamed += stream.append(id) }
        streamed += stream.finish()
        #expect(Array(streamed.utf8) == Array(tokenizer.decode(ids).utf8))
        #expect(Array(streamed.utf8) == Array(text.utf8))
    }

    @Test func partialCharacterIsHeldBackUntilComplete() throws {
        let tokenizer = try TokenizerFixtures.tokenizer("gpt2-style")
        // U+1F600 is F0 9F 98 80; byte tokens make each byte its own id.
        let byteIDs = try [0xF0, 0x9F, 0x98, 0x80].map { byte in
            try #require(tokenizer.id(forToken: TokenizerFixtures.byteToken(UInt8(byte))))
        }
        var stream = tokenizer.streamingDecoder()
        #expect(stream.append(byteIDs[0]) == "")
        #expect(stream.append(byteIDs[1]) == "")
        #expect(stream.append(byteIDs[2]) == "")
        #expect(stream.append(byteIDs[3]) == "😀")
    }

    @Test func unfinishedCharacterBecomesAReplacementAtFinish() throws {
        let tokenizer = try TokenizerFixtures.tokenizer("gpt2-style")
        let lead = try #require(tokenizer.id(forToken: TokenizerFixtures.byteToken(0xE4)))
        let letter = try #require(tokenizer.id(forToken: "a"))
        var stream = tokenizer.streamingDecoder()
        #expect(stream.append(letter) == "a")
        #expect(stream.append(lead) == "")
        #expect(stream.finish() == "\u{FFFD}")
    }

    @Test func invalidSequenceIsReplacedOnceTheNextByteShowsIt() throws {
        let tokenizer = try TokenizerFixtures.tokenizer("gpt2-style")
        let lead = try #require(tokenizer.id(forToken: TokenizerFixtures.byteToken(0xE4)))
        let letter = try #require(tokenizer.id(forToken: "a"))
        var stream = tokenizer.streamingDecoder()
        #expect(stream.append(lead) == "")
        #expect(stream.append(letter) == "\u{FFFD}a")
    }

    @Test func specialTokensCanBeSkipped() throws {
        let tokenizer = try TokenizerFixtures.tokenizer("qwen2-style")
        var stream = tokenizer.streamingDecoder(skipSpecialTokens: true)
        var streamed = ""
        for id in tokenizer.encode("hi<|im_end|>") { streamed += stream.append(id) }
        #expect(streamed == "hi")
    }
}
