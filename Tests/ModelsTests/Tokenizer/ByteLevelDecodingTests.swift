import Testing
import Models

/// Byte-level tokens decode to the bytes GPT-2's byte-to-unicode table assigns them.
struct ByteLevelDecodingTests {
    @Test func everyByteTokenDecodesToItsByte() throws {
        let tokenizer = try TokenizerFixtures.tokenizer("gpt2-style")
        for byte in UInt8.min...UInt8.max {
            let id = try #require(tokenizer.id(forToken: TokenizerFixtures.byteToken(byte)))
            #expect(tokenizer.decodedBytes([id]) == [byte])
        }
    }

    @Test func spaceAndNewlineTokensAreSpelledAsInGPT2() throws {
        let tokenizer = try TokenizerFixtures.tokenizer("gpt2-style")
        let space = try #require(tokenizer.id(forToken: "Ġ"))
        let newline = try #require(tokenizer.id(forToken: "Ċ"))
        #expect(tokenizer.decode([space, newline]) == " \n")
        #expect(tokenizer.encode(" \n") == [space, newline])
    }

    @Test func invalidUTF8DecodesToReplacementCharacters() throws {
        let tokenizer = try TokenizerFixtures.tokenizer("gpt2-style")
        let lead = try #require(tokenizer.id(forToken: TokenizerFixtures.byteToken(0xE4)))
        let letter = try #require(tokenizer.id(forToken: "a"))
        #expect(tokenizer.decode([letter, lead, letter]) == "a\u{FFFD}a")
    }
}
