import Testing
@testable import Evaluation

@Test func tokenizerSeparatesPunctuationButKeepsNumbersWhole() {
    #expect(Tokenizer13a()("It costs $3.50, or 3,000 yen.") == "It costs $ 3.50 , or 3,000 yen .")
}

@Test func tokenizerUnescapesHTMLEntitiesOnce() {
    #expect(Tokenizer13a()("&amp;quot; a&lt;b&gt;") == "& quot ; a < b >")
}

@Test func tokenizerSplitsDashAfterDigit() {
    #expect(Tokenizer13a()("2-3 x-y") == "2 - 3 x-y")
}

@Test func tokenizerJoinsHyphenatedLineBreaksAndDropsSkipped() {
    #expect(Tokenizer13a()("line one-\ncont<skipped>inued\nnext") == "line onecontinued next")
}

@Test func tokenizerKeepsCombiningMarksAsPythonCodePoints() {
    let decomposed = Tokenizer13a()("cafe\u{301}.")
    #expect(Array(decomposed.unicodeScalars).map(\.value) == [0x63, 0x61, 0x66, 0x65, 0x301, 0x20, 0x2E])
}

@Test func decomposedAndPrecomposedTokensDoNotMatch() throws {
    let score = try BLEU.sentenceLevel.sentenceScore(hypothesis: "cafe\u{301}", references: ["caf\u{e9}"])
    #expect(score.counts == [0, 0, 0, 0])
}

@Test func pythonWhitespaceIncludesInformationSeparators() {
    #expect(Tokenizer13a()("x\u{1c}y\u{a0}z\u{200b}w") == "x y z\u{200b}w")
}
