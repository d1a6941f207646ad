/// Watches streamed text for stop strings, releasing only text that cannot be the start of one,
/// so a stop string split across tokens never reaches the caller.
public struct StopSequences: Sendable {
    /// The stop strings, as unicode scalars (matching is exact, scalar by scalar).
    private let stops: [[Unicode.Scalar]]
    /// Text received but not yet released: the longest tail that might begin a stop string.
    private var pending: [Unicode.Scalar] = []
    /// True once a stop string has been seen; later text is ignored.
    public private(set) var stopped = false

    /// Watches for `stops`; empty strings are ignored.
    public init(_ stops: [String]) {
        self.stops = stops.filter { !$0.isEmpty }.map { Array($0.unicodeScalars) }
    }

    /// Adds newly decoded text and returns what may be shown now; after a stop string, returns the
    /// text before it and sets `stopped`.
    public mutating func append(_ text: String) -> String {
        guard !stopped else { return "" }
        pending.append(contentsOf: text.unicodeScalars)
        if let cut = earliestMatch() {
            stopped = true
            let released = String(String.UnicodeScalarView(pending[..<cut]))
            pending.removeAll()
            return released
        }
        let hold = longestPossibleStart()
        let released = String(String.UnicodeScalarView(pending[..<(pending.count - hold)]))
        pending.removeFirst(pending.count - hold)
        return released
    }

    /// Releases whatever is held back when generation ends for another reason.
    public mutating func finish() -> String {
        defer { pending.removeAll() }
        return stopped ? "" : String(String.UnicodeScalarView(pending))
    }

    /// Where the first complete stop string in `pending` begins.
    private func earliestMatch() -> Int? {
        var best: Int?
        for stop in stops where stop.count <= pending.count {
            for start in 0...(pending.count - stop.count) where best.map({ start < $0 }) ?? true {
                if pending[start..<(start + stop.count)].elementsEqual(stop) {
                    best = start
                    break
                }
            }
        }
        return best
    }

    /// The length of the longest suffix of `pending` that is a proper prefix of some stop string.
    private func longestPossibleStart() -> Int {
        var longest = 0
        for stop in stops {
            var length = min(stop.count - 1, pending.count)
            while length > longest {
                if pending[(pending.count - length)...].elementsEqual(stop[..<length]) {
                    longest = length
                    break
                }
                length -= 1
            }
        }
        return longest
    }
}
