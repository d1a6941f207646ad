/// Turns generated token ids into text one id at a time, holding back bytes that do not yet form
/// whole characters (a byte-level BPE token can end inside a UTF-8 sequence).
public protocol IncrementalDetokenizer {
    /// Adds one token and returns the text it completes (possibly empty).
    mutating func append(_ id: Int) -> String
    /// Returns whatever is still held back once generation ends.
    mutating func finish() -> String
}
