import Foundation

/// The fixtures made by `Fixtures/make_codebleu_fixtures.py` with the codebleu package.
enum CodeBLEUFixtures {
    struct PackageScores: Decodable {
        var codebleu: Double
        var ngram_match_score: Double
        var weighted_ngram_match_score: Double
        var syntax_match_score: Double
        var dataflow_match_score: Double
    }

    struct Pair: Decodable {
        var kind: String
        var name: String
        var reference: String
        var candidate: String
        var scores: PackageScores
        /// Lowest and highest data-flow part over several PYTHONHASHSEED values.
        var dataflow_range: [Double]
        var codebleu_range: [Double]
        var reference_parses: Bool
        var candidate_parses: Bool
    }

    struct Corpus: Decodable {
        var kind: String
        var indices: [Int]
        var weights: [Double]
        var scores: PackageScores
        var dataflow_range: [Double]
        var codebleu_range: [Double]
    }

    struct Tree: Decodable {
        var code: String
        /// codebleu's comment and docstring removal, nil where Python's tokenizer raised.
        var stripped: String?
        var sexp: String
        var has_error: Bool
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONDecoder().decode(T.self, from: data)
    }

    static func pairs() throws -> [Pair] { try load("pairs.json", as: [Pair].self) }
    static func corpora() throws -> [Corpus] { try load("corpora.json", as: [Corpus].self) }
    static func trees() throws -> [Tree] { try load("trees.json", as: [Tree].self) }

    /// Whether `value` lies within `tolerance` of the closed range.
    static func within(_ value: Double, _ range: [Double], tolerance: Double = 0.01) -> Bool {
        guard let low = range.min(), let high = range.max() else { return false }
        return value >= low - tolerance && value <= high + tolerance
    }
}
