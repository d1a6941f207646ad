import Foundation

extension BLEU {
    /// Corpus BLEU of a `{"reference","candidate"}` JSONL file (plain or .gz), as `lce score --metric bleu --pairs FILE` reports it.
    public func report(pairsFile: URL) throws -> BLEUReport {
        let pairs = try JSONLReader.read(ReferenceCandidate.self, from: pairsFile)
        guard !pairs.isEmpty else {
            throw DatasetError.badLine(path: pairsFile.path, line: 1, reason: "no {\"reference\",\"candidate\"} pairs in the file")
        }
        return BLEUReport(score: try corpusScore(pairs: pairs), metric: self, referenceCount: 1)
    }
}
