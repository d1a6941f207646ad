import Foundation

/// The trade-off table of a comparison as text: one line per variant with its size, memory, speed and quality,
/// variants that could not be evaluated listed below with the reason.
public enum TradeOffTable {
    /// Column titles, in order.
    public static let headers = ["variant", "size MB", "peak RSS MB", "TTFT ms", "tokens/s", "p95 ms", "BLEU", "CodeBLEU",
                                 "pass@1", "perplexity"]

    /// Where further pass@k columns go: right after pass@1.
    static let passAtKColumn = (headers.firstIndex(of: "pass@1") ?? headers.count - 2) + 1

    /// One variant's figures; one that was not measured is nil and shows as "-".
    public struct Row: Sendable, Equatable {
        public var variant: String
        public var sizeBytes: Int64?
        public var peakRSSBytes: Int64?
        public var timeToFirstTokenMs: Double?
        public var tokensPerSecond: Double?
        public var latencyP95Ms: Double?
        public var bleu: Double?
        public var codeBLEU: Double?
        public var passAt1: Double?
        public var perplexity: Double?
        /// Further pass@k estimates keyed `pass@<k>`; each k above 1 that any row has gets a column after pass@1.
        public var passAtK: [String: Double]

        /// Creates a row.
        public init(variant: String, sizeBytes: Int64? = nil, peakRSSBytes: Int64? = nil, timeToFirstTokenMs: Double? = nil,
                    tokensPerSecond: Double? = nil, latencyP95Ms: Double? = nil, bleu: Double? = nil, codeBLEU: Double? = nil,
                    passAt1: Double? = nil, perplexity: Double? = nil, passAtK: [String: Double] = [:]) {
            self.variant = variant
            self.sizeBytes = sizeBytes
            self.peakRSSBytes = peakRSSBytes
            self.timeToFirstTokenMs = timeToFirstTokenMs
            self.tokensPerSecond = tokensPerSecond
            self.latencyP95Ms = latencyP95Ms
            self.bleu = bleu
            self.codeBLEU = codeBLEU
            self.passAt1 = passAt1
            self.perplexity = perplexity
            self.passAtK = passAtK
        }

        /// The row of an evaluated variant.
        public init(_ result: VariantResult) {
            let profile = result.profile
            self.init(variant: result.variant, sizeBytes: profile?.sizeBytes, peakRSSBytes: profile?.peakRSSBytes,
                      timeToFirstTokenMs: profile?.timeToFirstTokenMs, tokensPerSecond: profile?.tokensPerSecond,
                      latencyP95Ms: profile?.latencyP95Ms, bleu: result.bleu, codeBLEU: result.codeBLEU?.total, passAt1: result.passAt1,
                      perplexity: result.perplexity, passAtK: result.passAtK ?? [:])
        }

        /// The ks above 1 of `passAtK`.
        var largerKs: [Int] {
            passAtK.keys.compactMap { $0.hasPrefix("pass@") ? Int($0.dropFirst(5)) : nil }.filter { $0 > 1 }
        }

        /// The row's cells, in the order of `headers`, with a pass@k cell for each of `ks` after pass@1.
        func cells(ks: [Int] = []) -> [String] {
            var cells = [variant,
                         TradeOffTable.format(sizeBytes.map { Double($0) / 1_048_576 }, digits: 1),
                         TradeOffTable.format(peakRSSBytes.map { Double($0) / 1_048_576 }, digits: 0),
                         TradeOffTable.format(timeToFirstTokenMs, digits: 1),
                         TradeOffTable.format(tokensPerSecond, digits: 1),
                         TradeOffTable.format(latencyP95Ms, digits: 0),
                         TradeOffTable.format(bleu, digits: 2),
                         TradeOffTable.format(codeBLEU, digits: 3),
                         TradeOffTable.format(passAt1, digits: 3),
                         TradeOffTable.format(perplexity, digits: 3)]
            cells.insert(contentsOf: ks.map { TradeOffTable.format(passAtK["pass@\($0)"], digits: 3) }, at: TradeOffTable.passAtKColumn)
            return cells
        }
    }

    /// The table's lines, columns padded to align.
    public static func render(_ results: [VariantResult]) -> String {
        render(results.filter(\.isAvailable).map(Row.init),
               unavailable: results.filter { !$0.isAvailable }.map { ($0.variant, $0.unavailableReason ?? "not evaluated") })
    }

    /// The table of `rows`, then a line per variant that could not be evaluated and why.
    public static func render(_ rows: [Row], unavailable: [(variant: String, reason: String)]) -> String {
        let ks = Array(Set(rows.flatMap(\.largerKs))).sorted()
        var titles = headers
        titles.insert(contentsOf: ks.map { "pass@\($0)" }, at: passAtKColumn)
        let table = [titles] + rows.map { $0.cells(ks: ks) }
        var widths = titles.map(\.count)
        for row in table { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        var lines = table.map { row in
            row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        lines.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1)
        for (variant, reason) in unavailable { lines.append("\(variant): \(reason)") }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double?, digits: Int) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.\(digits)f", value)
    }
}
