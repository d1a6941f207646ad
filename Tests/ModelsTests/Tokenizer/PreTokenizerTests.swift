import Testing
import Models

/// The hand-written pattern scanners against the pieces `tokenizers` gives for the same
/// pre-tokenizer (checked with `pre_tokenizers.Split(Regex(pattern), "isolated").pre_tokenize_str`).
struct PreTokenizerTests {
    /// The pieces as bytes, since String equality would hide a difference in normalization.
    func pieces(_ fixture: String, _ text: String) throws -> [[UInt8]] {
        try utf8(TokenizerFixtures.tokenizer(fixture).preTokenize(text))
    }

    func utf8(_ strings: [String]) -> [[UInt8]] {
        strings.map { Array($0.utf8) }
    }

    @Test func gpt2KeepsOneSpaceForTheNextWord() throws {
        #expect(try pieces("gpt2-style", "a  b   ") == utf8(["a", " ", " b", "   "]))
    }

    @Test func gpt2ContractionsAreCaseSensitive() throws {
        #expect(try pieces("gpt2-style", "it's IT'S") == utf8(["it", "'s", " IT", "'", "S"]))
    }

    @Test func gpt2GroupsDigitsAndSymbols() throws {
        #expect(try pieces("gpt2-style", "x=12345 +=-") == utf8(["x", "=", "12345", " +=-"]))
    }

    @Test func gpt2PrefixSpaceIsAddedToTextNotStartingWithOne() throws {
        #expect(try pieces("gpt2-prefix-space", "hi there") == utf8([" hi", " there"]))
    }

    @Test func qwen2SplitsDigitsOneByOne() throws {
        #expect(try pieces("qwen2-style", "v123") == utf8(["v", "1", "2", "3"]))
    }

    @Test func qwen2NormalizesToNFC() throws {
        #expect(try pieces("qwen2-style", "cafe\u{301}") == utf8(["caf\u{E9}"]))
    }

    @Test func llama3GroupsDigitsByThree() throws {
        #expect(try pieces("llama3-style", "1234567") == utf8(["123", "456", "7"]))
    }

    @Test func llama3LetsOneNonLetterLeadAWord() throws {
        #expect(try pieces("llama3-style", "(self._x\tfoo") == utf8(["(self", "._", "x", "\tfoo"]))
    }

    @Test func llama3ContractionsIgnoreCase() throws {
        #expect(try pieces("llama3-style", "IT'Sup we'REally") == utf8(["IT", "'S", "up", " we", "'RE", "ally"]))
    }

    @Test func llama3EndsWhitespaceAtTheLastNewline() throws {
        #expect(try pieces("llama3-style", "x:\n  \n    y") == utf8(["x", ":\n", "  \n", "   ", " y"]))
    }

    @Test func llama3SymbolsSwallowFollowingNewlines() throws {
        #expect(try pieces("llama3-style", "};\r\n\r\nz") == utf8(["};\r\n\r\n", "z"]))
    }

    @Test func starcoderIsolatesEachDigitBeforeTheGPT2Split() throws {
        #expect(try pieces("starcoder-style", "x = 42 ") == utf8(["x", " =", " ", "4", "2", " "]))
    }

    @Test func unicodeSpacesAreWhitespaceAndCJKIsLetters() throws {
        #expect(try pieces("gpt2-style", "中文\u{3000}字") == utf8(["中文", "\u{3000}", "字"]))
    }
}
