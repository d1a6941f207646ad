import Foundation

/// The logits the numpy reference (Fixtures/make_family_fixtures.py) computed for a few token sequences.
struct ReferenceLogits: Decodable {
    struct Sequence: Decodable {
        let tokens: [Int]
        /// [tokens.count][vocab].
        let logits: [[Float]]
    }

    let sequences: [Sequence]

    /// The fixture directory next to this file.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Path of a fixture file or directory.
    static func path(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// Reads `<name>` (an expected_logits.json file) from the fixtures.
    static func load(_ name: String) throws -> ReferenceLogits {
        try JSONDecoder().decode(ReferenceLogits.self, from: Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    /// max |a - b| / max |b|: the relative tolerance measure.
    static func relativeError(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count, "compared logits differ in length")
        var diff: Float = 0, scale: Float = 0
        for (x, y) in zip(a, b) {
            diff = max(diff, abs(x - y))
            scale = max(scale, abs(y))
        }
        return diff / max(scale, .leastNormalMagnitude)
    }
}
