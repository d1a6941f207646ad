/// One scoring pair for `lce score` (`{"reference","candidate"}`).
public struct ReferenceCandidate: Codable, Sendable, Equatable {
    /// The expected text.
    public var reference: String
    /// The produced text to score against it.
    public var candidate: String

    /// Creates a pair.
    public init(reference: String, candidate: String) {
        self.reference = reference
        self.candidate = candidate
    }
}
