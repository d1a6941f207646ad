import Testing
import Tensor
import Models

struct GGUFFileTests {
    let path = CheckpointFixtures.path("tiny.gguf")

    @Test func readsTheHeader() throws {
        let file = try GGUFFile(path: path)
        #expect(file.version == 3)
        #expect(file.tensors.count == 9)
        #expect(file.metadataKeys.count == 19)
        #expect(file.alignment == 32)
        #expect(file.dataStart == 1248)
    }

    @Test func keepsMetadataInFileOrder() throws {
        let file = try GGUFFile(path: path)
        #expect(Array(file.metadataKeys.prefix(3)) == ["general.architecture", "test.uint8", "test.int8"])
        #expect(file.metadataKeys.last == "test.nested")
    }

    @Test func readsEveryScalarValueType() throws {
        let file = try GGUFFile(path: path)
        #expect(try file.string("general.architecture") == "llama")
        #expect(file.value("test.uint8") == .uint8(200))
        #expect(file.value("test.int8") == .int8(-100))
        #expect(file.value("test.uint16") == .uint16(60000))
        #expect(file.value("test.int16") == .int16(-30000))
        #expect(try file.uint32("test.uint32") == 4_000_000_000)
        #expect(try file.int32("test.int32") == -2_000_000_000)
        #expect(try file.float("test.float32") == Float(0.1))
        #expect(try file.bool("test.bool") == true)
        #expect(try file.string("test.string") == "héllo ✓")
        #expect(try file.uint64("test.uint64") == (1 << 63) + 5)
        #expect(file.value("test.int64") == .int64(-(1 << 62)))
        #expect(try file.float64("test.float64") == 1e-300)
        #expect(try file.integer("llama.block_count") == 2)
    }

    @Test func readsTypedArraysAndNestedArrays() throws {
        let file = try GGUFFile(path: path)
        #expect(try file.stringArray("tokenizer.ggml.tokens") == ["<s>", "Ġthe", "\n", "", "✓"])
        #expect(try file.int32Array("tokenizer.ggml.token_type") == [3, 1, 1, 1, 1])
        #expect(try file.floatArray("tokenizer.ggml.scores") == [0, -1.5, -2.25, -3, -4])
        #expect(try file.array("test.bools") == .bool([true, false, true]))
        #expect(try file.array("test.nested") == .array([.int32([1, 2]), .int32([3])]))
    }

    @Test func missingKeyIsAnErrorNamingTheKey() throws {
        let file = try GGUFFile(path: path)
        let error = try #require(CheckpointFixtures.error { _ = try file.uint32("llama.context_length") })
        #expect(error.kind == .missingKey)
        #expect(error.detail.contains("llama.context_length"))
        #expect(error.file == path)
    }

    @Test func wrongTypeIsAnErrorNamingBothTypes() throws {
        let file = try GGUFFile(path: path)
        let error = try #require(CheckpointFixtures.error { _ = try file.string("llama.block_count") })
        #expect(error.kind == .wrongValueType)
        #expect(error.detail.contains("uint32"))
        #expect(error.detail.contains("string"))
    }

    @Test func listsTensorInfosWithGGMLDimensionsTypesAndOffsets() throws {
        let file = try GGUFFile(path: path)
        #expect(file.tensors.map(\.name) == ["f32.weight", "norm.weight", "f16.weight", "bf16.weight", "q8_0.weight",
                                             "q5_0.weight", "q4_0.weight", "q4_k.weight", "q6_k.weight"])
        #expect(file.tensors.map(\.dimensions) == [[8, 2], [8], [8, 2], [8, 2], [64, 2], [32, 3], [32, 2], [256, 2], [256, 1]])
        #expect(file.tensors.map(\.dtype) == [.f32, .f32, .f16, .bf16, .q8_0, .q5_0, .q4_0, .q4_K, .q6_K])
        #expect(file.tensors.map(\.offset) == [0, 64, 96, 128, 160, 320, 416, 480, 768])
        #expect(file.tensors.map(\.byteCount) == [64, 32, 32, 32, 136, 66, 36, 288, 210])
    }

    @Test func convertsPlainFloatTensors() throws {
        let file = try GGUFFile(path: path)
        #expect(try file.floats(named: "f32.weight") == CheckpointFixtures.ramp(16))
        #expect(try file.floats(named: "norm.weight") == CheckpointFixtures.ramp(8))
        #expect(try file.floats(named: "f16.weight") == CheckpointFixtures.ramp(16))
        #expect(try file.floats(named: "bf16.weight") == CheckpointFixtures.ramp(16))
    }

    @Test func givesQuantizedTensorsAsMatricesOverTheirBlocks() throws {
        let file = try GGUFFile(path: path)
        let cases: [(String, DType, Int, Int)] = [("q8_0.weight", .q8_0, 2, 64), ("q5_0.weight", .q5_0, 3, 32),
                                                  ("q4_0.weight", .q4_0, 2, 32), ("q4_k.weight", .q4_K, 2, 256),
                                                  ("q6_k.weight", .q6_K, 1, 256)]
        for (name, dtype, rows, cols) in cases {
            let matrix = try file.matrix(named: name)
            #expect(matrix.dtype == dtype, "\(name)")
            #expect(matrix.rows == rows && matrix.cols == cols, "\(name)")
            let stored = UnsafeRawBufferPointer(start: matrix.bytes, count: matrix.rows * matrix.rowBytes)
            #expect(Array(stored) == CheckpointFixtures.pattern(rows * matrix.rowBytes, typeID: dtype.rawValue), "\(name)")
        }
    }

    @Test func quantizedTensorsDoNotConvertDirectlyToFloats() throws {
        let file = try GGUFFile(path: path)
        let error = try #require(CheckpointFixtures.error { _ = try file.floats(named: "q4_k.weight") })
        #expect(error.kind == .unsupportedType)
        #expect(error.tensor == "q4_k.weight")
    }

    @Test func countsTensorsByType() throws {
        let counts = try GGUFFile(path: path).tensorTypeCounts
        #expect(counts == ["F32": 2, "F16": 1, "BF16": 1, "Q8_0": 1, "Q5_0": 1, "Q4_0": 1, "Q4_K": 1, "Q6_K": 1])
    }

    @Test func honoursACustomAlignment() throws {
        let file = try GGUFFile(path: CheckpointFixtures.path("aligned64.gguf"))
        #expect(file.alignment == 64)
        #expect(file.dataStart % 64 == 0)
        #expect(try file.tensor(named: "b.weight").offset == 64)
        #expect(try file.floats(named: "a.weight") == CheckpointFixtures.ramp(3))
        #expect(try file.floats(named: "b.weight") == CheckpointFixtures.ramp(16))
    }

    @Test func knownButUnsupportedGGMLTypeIsListedAndRefusedOnAccess() throws {
        var bytes = CheckpointBytes.ggufHeader(tensors: 1, metadata: 0)
        bytes.tensorInfo("q2.weight", dimensions: [256, 1], type: 10, offset: 0)  // Q2_K
        bytes.pad(to: 32)
        bytes.raw(.init(repeating: 0, count: 84))
        let file = try GGUFFile(path: try CheckpointFixtures.temporaryFile(bytes.bytes))
        #expect(try file.tensor(named: "q2.weight").layout.name == "Q2_K")
        let error = try #require(CheckpointFixtures.error { _ = try file.matrix(named: "q2.weight") })
        #expect(error.kind == .unsupportedType)
        #expect(error.tensor == "q2.weight")
        #expect(error.detail.contains("Q2_K") && error.detail.contains("10"))
    }

    @Test func readsVersion2Files() throws {
        var bytes = CheckpointBytes.ggufHeader(tensors: 1, metadata: 0, version: 2)
        bytes.tensorInfo("w", dimensions: [1], type: 0, offset: 0)
        bytes.pad(to: 32)
        bytes.raw([0, 0, 0x80, 0x3F])
        let file = try GGUFFile(path: try CheckpointFixtures.temporaryFile(bytes.bytes))
        #expect(file.version == 2)
        #expect(try file.floats(named: "w") == [1])
    }
}
