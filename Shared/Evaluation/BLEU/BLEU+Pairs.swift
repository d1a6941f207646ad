extension BLEU {
    /// Corpus BLEU of the candidates against their references (one reference stream).
    public func corpusScore(pairs: [ReferenceCandidate]) throws -> BLEUScore {
        try corpusScore(hypotheses: pairs.map(\.candidate), referenceStreams: [pairs.map(\.reference)])
    }
}
