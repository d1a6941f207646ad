/// One token of Python source as the parser sees it; positions are Unicode-scalar offsets.
public struct PythonToken: Sendable, Equatable {
    /// What kind of token this is.
    public enum Kind: Sendable, Equatable {
        /// An identifier or keyword.
        case name
        /// A numeric literal.
        case number
        /// A whole string literal, prefix and quotes included.
        case string
        /// An operator or delimiter.
        case op
        /// The end of a logical line.
        case newline
        /// An increase of indentation.
        case indent
        /// A decrease of indentation.
        case dedent
        /// The end of the source.
        case endOfInput
    }

    /// The token's kind.
    public var kind: Kind
    /// The token's source text (empty for newline, indent, dedent and end of input).
    public var text: String
    /// Offset of the token's first scalar.
    public var start: Int
    /// Offset one past the token's last scalar.
    public var end: Int
}
