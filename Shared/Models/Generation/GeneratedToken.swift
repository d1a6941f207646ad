/// One step of a streamed generation: the token chosen and the text it releases.
public struct GeneratedToken: Sendable, Equatable {
    /// The token id, or nil for the final flush of held-back text.
    public let id: Int?
    /// Text released by this step; empty while bytes or a possible stop string are held back.
    public let text: String
}
