/// Which files under a directory tree a `PythonCorpus` takes.
public struct PythonCorpusOptions: Sendable, Equatable, Codable {
    /// Directories with these names are skipped with everything below them: test suites (which
    /// are large and repetitive), installed third-party packages (not PSF-licensed) and caches.
    public var excludedDirectoryNames: Set<String>
    /// Files larger than this many bytes are skipped (generated tables and data, such as
    /// `pydoc_data/topics.py`, are not code a model should learn from).
    public var maximumFileBytes: Int
    /// The file name extension taken, without the dot.
    public var fileExtension: String

    /// The options used for the bundled default model's corpus.
    public init(excludedDirectoryNames: Set<String> = ["test", "tests", "idle_test", "site-packages", "dist-packages", "__pycache__"],
                maximumFileBytes: Int = 250_000, fileExtension: String = "py") {
        self.excludedDirectoryNames = excludedDirectoryNames
        self.maximumFileBytes = maximumFileBytes
        self.fileExtension = fileExtension
    }

    /// Encodes the excluded names sorted, so a manifest's bytes do not depend on set order.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(excludedDirectoryNames.sorted(), forKey: .excludedDirectoryNames)
        try container.encode(maximumFileBytes, forKey: .maximumFileBytes)
        try container.encode(fileExtension, forKey: .fileExtension)
    }
}
