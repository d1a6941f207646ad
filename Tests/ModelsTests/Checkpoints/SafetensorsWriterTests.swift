import Foundation
import Testing
import Tensor
import Models

struct SafetensorsWriterTests {
    /// The tensors of tiny.safetensors, added in a different order than the file stores them.
    func tinyWriter() throws -> SafetensorsWriter {
        var writer = SafetensorsWriter(metadata: ["format": "pt"])
        try writer.add("model.norm.weight", floats: CheckpointFixtures.ramp(6), shape: [6], as: .f16)
        try writer.add("model.proj.weight", floats: CheckpointFixtures.ramp(8), shape: [2, 4], as: .bf16)
        try writer.add("model.embed.weight", floats: CheckpointFixtures.ramp(12), shape: [4, 3])
        try writer.add("lm_head.weight", floats: CheckpointFixtures.ramp(6), shape: [2, 3])
        return writer
    }

    @Test func writesTheSameBytesAsPythonSafetensors() throws {
        let path = try CheckpointFixtures.temporaryDirectory().appendingPathComponent("out.safetensors").path
        try tinyWriter().write(to: path)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        let reference = try Data(contentsOf: URL(fileURLWithPath: CheckpointFixtures.path("tiny.safetensors")))
        #expect(written == reference)
    }

    @Test func headerIsPaddedToAMultipleOfEight() throws {
        var writer = SafetensorsWriter()
        try writer.add("x", floats: [1], shape: [1])
        let header = writer.headerBytes()
        #expect(header.count % 8 == 0)
        #expect(header.last == UInt8(ascii: " ") || header.last == UInt8(ascii: "}"))
    }

    @Test func metadataAndEscapedNamesRoundTrip() throws {
        var writer = SafetensorsWriter(metadata: ["z": "last", "format": "pt", "quote": "say \"hi\"\n"])
        try writer.add("we\"ird\\name\u{1}", floats: [1.5, -2], shape: [2])
        try writer.add("ünïcode.weight", floats: [3], shape: [1, 1], as: .f16)
        let path = try CheckpointFixtures.temporaryDirectory().appendingPathComponent("m.safetensors").path
        try writer.write(to: path)
        let file = try SafetensorsFile(path: path)
        #expect(file.metadata == ["z": "last", "format": "pt", "quote": "say \"hi\"\n"])
        #expect(try file.floats(named: "we\"ird\\name\u{1}") == [1.5, -2])
        #expect(try file.floats(named: "ünïcode.weight") == [3])
    }

    @Test func borrowedMatrixBytesAreWrittenUnchanged() throws {
        let source = try SafetensorsFile(path: CheckpointFixtures.path("tiny.safetensors"))
        var writer = SafetensorsWriter()
        try writer.add("copy", matrix: try source.matrix(named: "model.embed.weight"))
        let path = try CheckpointFixtures.temporaryDirectory().appendingPathComponent("c.safetensors").path
        try writer.write(to: path)
        let copy = try SafetensorsFile(path: path)
        #expect(try copy.tensor(named: "copy").shape == [4, 3])
        #expect(try copy.floats(named: "copy") == CheckpointFixtures.ramp(12))
    }

    @Test func quantizedTypesAreRefused() throws {
        var writer = SafetensorsWriter()
        let error = try #require(CheckpointFixtures.error {
            try writer.add("q", dtype: .q8_0, shape: [32], bytes: .init(repeating: 0, count: 34))
        })
        #expect(error.kind == .invalidArgument)
        #expect(error.tensor == "q")
    }

    @Test func byteCountMustMatchTheShape() throws {
        var writer = SafetensorsWriter()
        let error = try #require(CheckpointFixtures.error {
            try writer.add("w", dtype: .f32, shape: [2, 2], bytes: .init(repeating: 0, count: 12))
        })
        #expect(error.kind == .invalidArgument)
        #expect(error.detail.contains("16"))
    }

    @Test func duplicateNamesAreRefused() throws {
        var writer = SafetensorsWriter()
        try writer.add("w", floats: [1], shape: [1])
        let error = try #require(CheckpointFixtures.error { try writer.add("w", floats: [2], shape: [1]) })
        #expect(error.kind == .invalidArgument)
    }
}
