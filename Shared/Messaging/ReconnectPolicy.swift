/// Exponential backoff between reconnection attempts, with jitter so a restarted broker is not hit by every client at once.
public struct ReconnectPolicy: Sendable {
    /// Wait before the first retry.
    public var initialDelay: Duration
    /// Longest wait between retries.
    public var maximumDelay: Duration
    /// Factor the wait grows by per attempt.
    public var multiplier: Double

    /// Creates a policy; the defaults retry after 0.1 s, 0.2 s, 0.4 s ... up to 5 s.
    public init(initialDelay: Duration = .milliseconds(100), maximumDelay: Duration = .seconds(5), multiplier: Double = 2) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.multiplier = multiplier
    }

    /// The wait before retry number `attempt` (0-based), between 50% and 100% of the exponential value.
    public func delay(attempt: Int) -> Duration {
        let base = initialDelay.seconds
        let cap = maximumDelay.seconds
        let exponential = min(cap, base * pow(multiplier, Double(min(attempt, 30))))
        return .milliseconds(Int64(exponential * 1000 * Double.random(in: 0.5...1.0)))
    }

    private func pow(_ x: Double, _ n: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(n) { result *= x }
        return result
    }
}
