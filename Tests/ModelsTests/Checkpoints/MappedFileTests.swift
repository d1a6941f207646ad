import Foundation
import Testing
import Models

struct MappedFileTests {
    @Test func mapsTheFileContents() throws {
        let path = try CheckpointFixtures.temporaryFile([1, 2, 3, 4, 5])
        let file = try MappedFile(path: path)
        #expect(file.count == 5)
        #expect(Array(try file.bytes(at: 1, count: 3)) == [2, 3, 4])
    }

    @Test func readPastTheEndIsATruncationError() throws {
        let path = try CheckpointFixtures.temporaryFile([1, 2, 3, 4, 5])
        let file = try MappedFile(path: path)
        let error = try #require(CheckpointFixtures.error { _ = try file.bytes(at: 3, count: 3, what: "the thing") })
        #expect(error.kind == .truncated)
        #expect(error.description.contains(path))
        #expect(error.description.contains("the thing"))
    }

    @Test func rangesThatOverflowAreRejected() throws {
        let file = try MappedFile(path: try CheckpointFixtures.temporaryFile([1, 2, 3]))
        #expect(!file.contains(offset: Int.max, count: Int.max))
        #expect(!file.contains(offset: -1, count: 1))
        #expect(!file.contains(offset: 1, count: -1))
        #expect(file.contains(offset: 3, count: 0))
    }

    @Test func emptyFileMapsWithNoBytes() throws {
        let file = try MappedFile(path: try CheckpointFixtures.temporaryFile([]))
        #expect(file.count == 0)
        #expect(try file.bytes(at: 0, count: 0).isEmpty)
    }

    @Test func missingFileIsUnreadable() throws {
        let path = try CheckpointFixtures.temporaryDirectory().appendingPathComponent("absent.gguf").path
        let error = try #require(CheckpointFixtures.error { _ = try MappedFile(path: path) })
        #expect(error.kind == .unreadable)
        #expect(error.description.hasPrefix(path))
    }

    @Test func directoryIsUnreadable() throws {
        let path = try CheckpointFixtures.temporaryDirectory().path
        let error = try #require(CheckpointFixtures.error { _ = try MappedFile(path: path) })
        #expect(error.kind == .unreadable)
    }
}
