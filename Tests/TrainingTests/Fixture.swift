import Foundation

/// Paths of the committed fixtures and of per-test scratch directories.
enum Fixture {
    /// The path of `name` under Fixtures/, next to this source file.
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    /// A new empty directory under the system's temporary directory.
    static func scratchDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lce-training-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
