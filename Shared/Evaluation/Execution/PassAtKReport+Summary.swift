import Foundation

extension PassAtKReport: CustomStringConvertible {
    /// `pass@1 = 0.4500  pass@10 = 0.8000` followed by the outcome counts, for a terminal.
    public var description: String {
        let scores = passAtK.keys.sorted().map { k in
            "pass@\(k) = " + String(format: "%.4f", passAtK[k] ?? 0)
        }.joined(separator: "  ")
        let outcomes = SandboxOutcome.allCases.compactMap { outcome in
            outcomeCounts[outcome].map { "\(outcome.rawValue) \($0)" }
        }.joined(separator: ", ")
        return "\(scores.isEmpty ? "pass@k: no k with enough samples" : scores)\n\(samples.count) samples: \(outcomes)"
    }
}
