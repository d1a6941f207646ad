import Foundation

/// A one-line progress bar for long work on a terminal: done/total, a bar, rate, ETA and
/// whatever figures the caller adds (loss, tokens/s). Off a terminal it prints a plain line
/// at most every few seconds so logs stay readable.
public final class ProgressBar {
    private let title: String
    private let total: Int
    private let isTerminal: Bool
    private let width = 28
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var done = 0

    /// Creates a bar for `total` units of work titled `title`.
    public init(title: String, total: Int, isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.title = title
        self.total = max(total, 1)
        self.isTerminal = isTerminal
    }

    /// Records `done` units finished, with extra figures shown after the bar.
    public func update(done: Int, extra: String = "") {
        self.done = min(done, total)
        let now = Date()
        let interval = isTerminal ? 0.1 : 5.0
        guard now.timeIntervalSince(lastDraw) >= interval || self.done == total else { return }
        lastDraw = now
        let text = Self.render(title: title, done: self.done, total: total,
                               elapsed: now.timeIntervalSince(started), width: width, extra: extra)
        FileHandle.standardError.write(Data((isTerminal ? "\r\u{1B}[2K" + text : text + "\n").utf8))
    }

    /// Ends the bar's line.
    public func finish(extra: String = "") {
        update(done: total, extra: extra)
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    /// The bar's text for the given state, e.g. `train [#####-----] 5/10 50% 2.0/s eta 3s loss 1.2`.
    public static func render(title: String, done: Int, total: Int, elapsed: Double, width: Int, extra: String) -> String {
        let fraction = Double(done) / Double(max(total, 1))
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        var text = "\(title) [\(bar)] \(done)/\(total) \(Int((fraction * 100).rounded(.down)))%"
        text += String(format: " %.1f/s eta %@", rate, formatDuration(eta))
        if !extra.isEmpty { text += " " + extra }
        return text
    }

    /// "42s", "3m05s", "1h02m".
    public static func formatDuration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60)
    }
}
