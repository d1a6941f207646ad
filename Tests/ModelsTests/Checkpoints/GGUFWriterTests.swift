import Foundation
import Testing
import Tensor
import Models

struct GGUFWriterTests {
    /// The content of tiny.gguf, in the order make_checkpoint_fixtures.py adds it.
    func tinyWriter() throws -> GGUFWriter {
        var writer = GGUFWriter()
        try writer.set("general.architecture", .string("llama"))
        try writer.set("test.uint8", .uint8(200))
        try writer.set("test.int8", .int8(-100))
        try writer.set("test.uint16", .uint16(60000))
        try writer.set("test.int16", .int16(-30000))
        try writer.set("test.uint32", .uint32(4_000_000_000))
        try writer.set("test.int32", .int32(-2_000_000_000))
        try writer.set("test.float32", .float32(0.1))
        try writer.set("test.bool", .bool(true))
        try writer.set("test.string", .string("héllo ✓"))
        try writer.set("test.uint64", .uint64((1 << 63) + 5))
        try writer.set("test.int64", .int64(-(1 << 62)))
        try writer.set("test.float64", .float64(1e-300))
        try writer.set("llama.block_count", .uint32(2))
        try writer.set("tokenizer.ggml.tokens", .array(.string(["<s>", "Ġthe", "\n", "", "✓"])))
        try writer.set("tokenizer.ggml.token_type", .array(.int32([3, 1, 1, 1, 1])))
        try writer.set("tokenizer.ggml.scores", .array(.float32([0, -1.5, -2.25, -3, -4])))
        try writer.set("test.bools", .array(.bool([true, false, true])))
        try writer.set("test.nested", .array(.array([.int32([1, 2]), .int32([3])])))
        try writer.add("f32.weight", floats: CheckpointFixtures.ramp(16), dimensions: [8, 2])
        try writer.add("norm.weight", floats: CheckpointFixtures.ramp(8), dimensions: [8])
        try writer.add("f16.weight", floats: CheckpointFixtures.ramp(16), dimensions: [8, 2], as: .f16)
        try writer.add("bf16.weight", floats: CheckpointFixtures.ramp(16), dimensions: [8, 2], as: .bf16)
        for (name, dtype, rows, cols) in [("q8_0.weight", DType.q8_0, 2, 64), ("q5_0.weight", .q5_0, 3, 32),
                                          ("q4_0.weight", .q4_0, 2, 32), ("q4_k.weight", .q4_K, 2, 256),
                                          ("q6_k.weight", .q6_K, 1, 256)] {
            let count = rows * (dtype.byteCount(elements: cols) ?? 0)
            try writer.add(name, dimensions: [cols, rows], dtype: dtype,
                           bytes: CheckpointFixtures.pattern(count, typeID: dtype.rawValue))
        }
        return writer
    }

    func written(_ writer: GGUFWriter) throws -> (path: String, data: Data) {
        let path = try CheckpointFixtures.temporaryDirectory().appendingPathComponent("out.gguf").path
        try writer.write(to: path)
        return (path, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func writesTheSameBytesAsPythonGGUFWriter() throws {
        let reference = try Data(contentsOf: URL(fileURLWithPath: CheckpointFixtures.path("tiny.gguf")))
        #expect(try written(tinyWriter()).data == reference)
    }

    @Test func writesACustomAlignmentLikePython() throws {
        var writer = GGUFWriter()
        try writer.set("general.architecture", .string("qwen2"))
        try writer.set("general.alignment", .uint32(64))
        try writer.add("a.weight", floats: CheckpointFixtures.ramp(3), dimensions: [3])
        try writer.add("b.weight", floats: CheckpointFixtures.ramp(16), dimensions: [8, 2], as: .f16)
        let reference = try Data(contentsOf: URL(fileURLWithPath: CheckpointFixtures.path("aligned64.gguf")))
        #expect(try written(writer).data == reference)
    }

    @Test func readsBackWhatItWrites() throws {
        var writer = GGUFWriter()
        try writer.set("general.architecture", .string("gpt2"))
        try writer.set("empty.strings", .array(.string([])))
        try writer.set("deep", .array(.array([.array([.uint8([1, 2])]), .array([])])))
        try writer.set("u16s", .array(.uint16([1, 65535])))
        try writer.set("i64s", .array(.int64([-1, .max])))
        try writer.set("f64s", .array(.float64([0.5, -1e300])))
        try writer.add("w", floats: [1, 2, 3, 4, 5, 6], dimensions: [3, 2])
        let file = try GGUFFile(path: try written(writer).path)
        #expect(file.metadataKeys == ["general.architecture", "empty.strings", "deep", "u16s", "i64s", "f64s"])
        #expect(try file.array("empty.strings") == .string([]))
        #expect(try file.array("deep") == .array([.array([.uint8([1, 2])]), .array([])]))
        #expect(try file.array("u16s") == .uint16([1, 65535]))
        #expect(try file.array("i64s") == .int64([-1, .max]))
        #expect(try file.array("f64s") == .float64([0.5, -1e300]))
        let matrix = try file.matrix(named: "w")
        #expect(matrix.rows == 2 && matrix.cols == 3)
        #expect(try file.floats(named: "w") == [1, 2, 3, 4, 5, 6])
    }

    @Test func matricesAreWrittenAsColsThenRows() throws {
        let source = try GGUFFile(path: CheckpointFixtures.path("tiny.gguf"))
        var writer = GGUFWriter()
        try writer.add("copy", matrix: try source.matrix(named: "q5_0.weight"))
        let copy = try GGUFFile(path: try written(writer).path)
        #expect(try copy.tensor(named: "copy").dimensions == [32, 3])
        #expect(Array(try copy.rawBytes(named: "copy")) == Array(try source.rawBytes(named: "q5_0.weight")))
    }

    @Test func oneRowMatrixCanBeWrittenAsAVector() throws {
        let source = try GGUFFile(path: CheckpointFixtures.path("tiny.gguf"))
        var writer = GGUFWriter()
        try writer.add("norm", matrix: try source.matrix(named: "norm.weight"), dimensions: [8])
        let copy = try GGUFFile(path: try written(writer).path)
        #expect(try copy.tensor(named: "norm").dimensions == [8])
        #expect(try copy.floats(named: "norm") == CheckpointFixtures.ramp(8))
    }

    @Test func repeatedKeyKeepsItsPlace() throws {
        var writer = GGUFWriter()
        try writer.set("a", .uint32(1))
        try writer.set("b", .uint32(2))
        try writer.set("a", .uint32(3))
        let file = try GGUFFile(path: try written(writer).path)
        #expect(file.metadataKeys == ["a", "b"])
        #expect(try file.uint32("a") == 3)
    }

    @Test func alignmentMustBeAPowerOfTwo() throws {
        var writer = GGUFWriter()
        let error = try #require(CheckpointFixtures.error { try writer.set("general.alignment", .uint32(48)) })
        #expect(error.kind == .invalidArgument)
        #expect(writer.alignment == 32)
    }

    @Test func rowLengthMustBeWholeBlocks() throws {
        var writer = GGUFWriter()
        let error = try #require(CheckpointFixtures.error {
            try writer.add("q", dimensions: [16, 1], dtype: .q8_0, bytes: .init(repeating: 0, count: 17))
        })
        #expect(error.kind == .invalidArgument)
        #expect(error.tensor == "q")
    }
}
