/// One source file of a corpus: where it is under the corpus root and how big it is.
public struct CorpusFile: Sendable, Equatable, Codable {
    /// The path below the corpus root, with `/` separators.
    public let relativePath: String
    /// The file's size in bytes.
    public let byteCount: Int

    /// A file of `byteCount` bytes at `relativePath`.
    public init(relativePath: String, byteCount: Int) {
        self.relativePath = relativePath
        self.byteCount = byteCount
    }
}
