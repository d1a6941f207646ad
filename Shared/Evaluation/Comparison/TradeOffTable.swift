import Foundation

/// The trade-off table of a comparison as text: one line per variant with its size, memory, speed and quality,
/// variants that could not be evaluated listed below with the reason.
public enum TradeOffTable {
    /// Column titles, in order.
    public static let headers = ["variant", "size MB", "peak RSS MB", "TTFT ms", "tokens/s", "p95 ms", "BLEU", "CodeBLEU",
                                 "pass@1", "perplexity"]

    /// The table's lines, columns padded to align.
    public static func render(_ results: [VariantResult]) -> String {
        let evaluated = results.filter(\.isAvailable)
        var rows = [headers]
        for result in evaluated { rows.append(cells(result)) }
        var widths = headers.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        var lines = rows.map { row in
            row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        lines.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1)
        for result in results where !result.isAvailable {
            lines.append("\(result.variant): \(result.unavailableReason ?? "not evaluated")")
        }
        return lines.joined(separator: "\n")
    }

    /// One variant's cells; a figure that was not measured shows as "-".
    static func cells(_ result: VariantResult) -> [String] {
        let profile = result.profile
        return [result.variant,
                format(profile?.sizeBytes.map { Double($0) / 1_048_576 }, digits: 1),
                format(profile?.peakRSSBytes.map { Double($0) / 1_048_576 }, digits: 0),
                format(profile?.timeToFirstTokenMs, digits: 1),
                format(profile?.tokensPerSecond, digits: 1),
                format(profile?.latencyP95Ms, digits: 0),
                format(result.bleu, digits: 2),
                format(result.codeBLEU?.total, digits: 3),
                format(result.passAt1, digits: 3),
                format(result.perplexity, digits: 3)]
    }

    static func format(_ value: Double?, digits: Int) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.\(digits)f", value)
    }
}
