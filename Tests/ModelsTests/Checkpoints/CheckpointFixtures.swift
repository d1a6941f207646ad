import Foundation
import Models

/// Paths and formulas shared by the checkpoint tests; the formulas match make_checkpoint_fixtures.py.
enum CheckpointFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// value[i] = (i - 5) * 0.25, exact in f32, f16 and bf16.
    static func ramp(_ count: Int) -> [Float] {
        (0..<count).map { Float($0 - 5) * 0.25 }
    }

    /// byte[i] = (i * 31 + typeID) % 256, the stand-in for quantized blocks.
    static func pattern(_ count: Int, typeID: UInt32) -> [UInt8] {
        (0..<count).map { UInt8((Int($0) * 31 + Int(typeID)) % 256) }
    }

    /// This test process's scratch directory; ones left by finished processes are removed when it is made,
    /// so repeated runs do not fill the temporary directory.
    static let scratch: URL = {
        let manager = FileManager.default
        let base = manager.temporaryDirectory
        let prefix = "lce-checkpoint-tests-"
        for name in (try? manager.contentsOfDirectory(atPath: base.path)) ?? [] where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH {
                try? manager.removeItem(at: base.appendingPathComponent(name))
            }
        }
        return base.appendingPathComponent(prefix + String(getpid()), isDirectory: true)
    }()

    /// A fresh empty directory for one test's files.
    static func temporaryDirectory() throws -> URL {
        let url = scratch.appendingPathComponent(UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `bytes` to a new temporary file and returns its path.
    static func temporaryFile(_ bytes: [UInt8], name: String = "file.bin") throws -> String {
        let url = try temporaryDirectory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Cuts the file at `path` down to its first `length` bytes.
    static func truncate(_ path: String, to length: Int) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.truncate(atOffset: UInt64(length))
    }

    /// Runs `body` and returns the CheckpointError it threw, or nil when it threw nothing (or something else).
    static func error(_ body: () throws -> Void) -> CheckpointError? {
        do {
            try body()
            return nil
        } catch let error as CheckpointError {
            return error
        } catch {
            return nil
        }
    }

    /// The real Qwen2.5-Coder GGUF that ../shared/tools/get-real-model.sh fetches.
    static let realModelPath = FileManager.default.homeDirectoryForCurrentUser
        .appendingPathComponent(".cache/lce/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf").path

    static var realModelIsPresent: Bool { FileManager.default.fileExists(atPath: realModelPath) }
}
