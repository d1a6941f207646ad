import Foundation
import Testing
@testable import Evaluation

/// Size on disk of a model file or directory.
struct DiskSizeTests {
    func makeDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lce-disksize-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("nested"), withIntermediateDirectories: true)
        try Data(count: 1000).write(to: directory.appendingPathComponent("adapter_model.safetensors"))
        try Data(count: 24).write(to: directory.appendingPathComponent("nested/adapter_config.json"))
        return directory
    }

    @Test func fileSizeIsItsLength() throws {
        let directory = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try DiskSize.bytes(atPath: directory.appendingPathComponent("adapter_model.safetensors").path) == 1000)
    }

    @Test func directorySizeSumsEveryFileBeneath() throws {
        let directory = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try DiskSize.bytes(atPath: directory.path) == 1024)
    }

    @Test func symbolicLinksAreNotCounted() throws {
        let directory = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("link").path,
                                                   withDestinationPath: directory.appendingPathComponent("adapter_model.safetensors").path)
        #expect(try DiskSize.bytes(atPath: directory.path) == 1024)
    }

    @Test func aLinkToADirectoryMeasuresTheDirectory() throws {
        let directory = try makeDirectory()
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("lce-disksize-link-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: directory)
            try? FileManager.default.removeItem(at: link)
        }
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: directory.path)
        #expect(try DiskSize.bytes(atPath: link.path) == 1024)
    }

    @Test func missingPathIsAnErrorNamingIt() {
        #expect(throws: ProfilingError.missingPath("/nonexistent/lce-model")) {
            try DiskSize.bytes(atPath: "/nonexistent/lce-model")
        }
    }
}
