/// One text's whitespace tokens as interned ids with its n-gram counts of every order, made once and
/// shared by both n-gram parts: hashing small integers instead of `String`s (whose hash normalises
/// Unicode on every call) is where most of the n-gram parts' time went.
struct CodeBLEUTokenizedText {
    /// The token ids in order.
    var ids: [Int32]
    /// `counts[order - 1]`: the n-grams of that order.
    var counts: [CodeBLEUNGramCounts]

    init(ids: [Int32], maxOrder: Int) {
        self.ids = ids
        counts = (1...max(1, maxOrder)).map { CodeBLEUNGramCounts(ids, order: $0) }
    }

    /// Interns the tokens of every text of a corpus with one vocabulary, so equal ids mean equal tokens across texts.
    static func corpus(references: [[[String]]], hypotheses: [[String]],
                       maxOrder: Int) -> (references: [[CodeBLEUTokenizedText]], hypotheses: [CodeBLEUTokenizedText], vocabulary: TokenVocabulary) {
        var vocabulary = TokenVocabulary()
        func tokenized(_ tokens: [String]) -> CodeBLEUTokenizedText {
            CodeBLEUTokenizedText(ids: tokens.map { vocabulary.id(of: Array($0.unicodeScalars)) }, maxOrder: maxOrder)
        }
        let referenceTexts = references.map { $0.map(tokenized) }
        let hypothesisTexts = hypotheses.map(tokenized)
        return (referenceTexts, hypothesisTexts, vocabulary)
    }
}
