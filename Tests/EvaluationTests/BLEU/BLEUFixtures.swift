import Foundation

/// The sacrebleu-scored cases in Fixtures/bleu_fixtures.json (made by Fixtures/make_bleu_fixtures.py).
struct BLEUFixtures: Decodable {
    struct Stats: Decodable {
        var score: Double
        var counts: [Int]
        var totals: [Int]
        var precisions: [Double]
        var bp: Double
        var sys_len: Int
        var ref_len: Int
    }

    struct Case: Decodable {
        var hyp: String
        var refs: [String]
        var sentence: Stats
    }

    struct Corpus: Decodable {
        var cases: [Int]
        var corpus: Stats
        var signature: String
    }

    var sacrebleu_version: String
    var sentence_signature: String
    var cases: [Case]
    var corpora: [Corpus]

    static func load() throws -> BLEUFixtures {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/bleu_fixtures.json")
        return try JSONDecoder().decode(BLEUFixtures.self, from: Data(contentsOf: url))
    }
}
