import Foundation
import Testing
import Models

/// Broken and hostile GGUF files: each gives a CheckpointError naming the file, the tensor when
/// known, and the problem, and never reads outside the file or allocates what the file claims.
struct HostileGGUFTests {
    func openingError(_ builder: CheckpointBytes) throws -> CheckpointError {
        let path = try CheckpointFixtures.temporaryFile(builder.bytes, name: "hostile.gguf")
        let error = try #require(CheckpointFixtures.error { _ = try GGUFFile(path: path) })
        #expect(error.file == path)
        #expect(error.description.hasPrefix(path))
        return error
    }

    /// A valid one-tensor file whose tensor info can be varied.
    func oneTensor(_ name: String = "w", dimensions: [UInt64] = [4], type: UInt32 = 0, offset: UInt64 = 0,
                   dataBytes: Int = 16) -> CheckpointBytes {
        var bytes = CheckpointBytes.ggufHeader(tensors: 1, metadata: 0)
        bytes.tensorInfo(name, dimensions: dimensions, type: type, offset: offset)
        bytes.pad(to: 32)
        bytes.raw(.init(repeating: 0, count: dataBytes))
        return bytes
    }

    @Test func badMagicIsNotAGGUFFile() throws {
        var bytes = CheckpointBytes()
        bytes.raw(Array("GGML".utf8))
        bytes.u32(3)
        let error = try openingError(bytes)
        #expect(error.kind == .malformedHeader)
        #expect(error.detail.contains("magic"))
    }

    @Test func unsupportedVersionIsRefused() throws {
        let error = try openingError(.ggufHeader(tensors: 0, metadata: 0, version: 1))
        #expect(error.kind == .malformedHeader)
        #expect(error.detail.contains("version 1"))
    }

    @Test func bigEndianFilesAreNamedAsSuch() throws {
        let error = try openingError(.ggufHeader(tensors: 0, metadata: 0, version: UInt32(3).byteSwapped))
        #expect(error.detail.contains("big-endian"))
    }

    @Test func everyTruncationBeforeTheLastTensorsEndIsAnError() throws {
        let fixture = CheckpointFixtures.path("tiny.gguf")
        let whole = Array(try Data(contentsOf: URL(fileURLWithPath: fixture)))
        let dataEnd = try #require(try GGUFFile(path: fixture).tensors.map(\.fileRange.upperBound).max())
        let path = try CheckpointFixtures.temporaryFile(whole, name: "prefix.gguf")
        for length in (0..<dataEnd).reversed() {
            try CheckpointFixtures.truncate(path, to: length)
            let error = CheckpointFixtures.error { _ = try GGUFFile(path: path) }
            #expect(error != nil, "prefix of \(length) bytes opened without error")
            #expect(error?.kind == .truncated || error?.kind == .limitExceeded || error?.kind == .badOffsets,
                    "prefix of \(length) bytes: \(String(describing: error))")
        }
    }

    @Test func missingPaddingAfterTheLastTensorIsAccepted() throws {
        // llama.cpp only checks that each tensor's bytes lie inside the file, so neither does this reader.
        let fixture = CheckpointFixtures.path("tiny.gguf")
        let whole = Array(try Data(contentsOf: URL(fileURLWithPath: fixture)))
        let dataEnd = try #require(try GGUFFile(path: fixture).tensors.map(\.fileRange.upperBound).max())
        #expect(dataEnd < whole.count)
        let path = try CheckpointFixtures.temporaryFile(Array(whole[0..<dataEnd]))
        #expect(try GGUFFile(path: path).tensors.count == 9)
    }

    @Test func absurdTensorCountIsRefusedBeforeAllocating() throws {
        let error = try openingError(.ggufHeader(tensors: 1 << 60, metadata: 0))
        #expect(error.kind == .limitExceeded)
        #expect(error.detail.contains("tensor count"))
    }

    @Test func absurdMetadataCountIsRefused() throws {
        let error = try openingError(.ggufHeader(tensors: 0, metadata: .max))
        #expect(error.kind == .limitExceeded)
    }

    @Test func absurdStringLengthIsRefused() throws {
        var bytes = CheckpointBytes.ggufHeader(tensors: 0, metadata: 1)
        bytes.string("general.name")
        bytes.u32(GGUFValueType.string.rawValue)
        bytes.u64(1 << 62)
        bytes.raw(Array("short".utf8))
        let error = try openingError(bytes)
        #expect(error.kind == .limitExceeded)
        #expect(error.detail.contains("general.name"))
    }

    @Test func absurdArrayLengthIsRefused() throws {
        var bytes = CheckpointBytes.ggufHeader(tensors: 0, metadata: 1)
        bytes.string("tokenizer.ggml.scores")
        bytes.u32(GGUFValueType.array.rawValue)
        bytes.u32(GGUFValueType.float32.rawValue)
        bytes.u64(1 << 61)
        bytes.raw(.init(repeating: 0, count: 64))
        let error = try openingError(bytes)
        #expect(error.kind == .limitExceeded)
        #expect(error.detail.contains("tokenizer.ggml.scores"))
    }

    @Test func deeplyNestedArraysAreRefused() throws {
        var bytes = CheckpointBytes.ggufHeader(tensors: 0, metadata: 1)
        bytes.string("deep")
        bytes.u32(GGUFValueType.array.rawValue)
        for _ in 0..<1000 {
            bytes.u32(GGUFValueType.array.rawValue)
            bytes.u64(1)
        }
        bytes.u32(GGUFValueType.uint8.rawValue)
        bytes.u64(0)
        let error = try openingError(bytes)
        #expect(error.kind == .limitExceeded)
        #expect(error.detail.contains("deep"))
    }

    @Test func unknownValueTypeIsMalformed() throws {
        var bytes = CheckpointBytes.ggufHeader(tensors: 0, metadata: 1)
        bytes.string("general.name")
        bytes.u32(13)
        bytes.u64(0)
        let error = try openingError(bytes)
        #expect(error.kind == .malformedHeader)
        #expect(error.detail.contains("13"))
    }

    @Test func boolOtherThanZeroOrOneIsMalformed() throws {
        var bytes = CheckpointBytes.ggufHeader(tensors: 0, metadata: 1)
        bytes.string("flag")
        bytes.u32(GGUFValueType.bool.rawValue)
        bytes.u8(7)
        let error = try openingError(bytes)
        #expect(error.kind == .malformedHeader)
    }

    @Test func duplicateMetadataKeyIsMalformed() throws {
        var bytes = CheckpointBytes.ggufHeader(tensors: 0, metadata: 2)
        for _ in 0..<2 {
            bytes.string("general.architecture")
            bytes.u32(GGUFValueType.uint8.rawValue)
            bytes.u8(1)
        }
        let error = try openingError(bytes)
        #expect(error.kind == .malformedHeader)
        #expect(error.detail.contains("general.architecture"))
    }

    @Test func invalidAlignmentIsMalformed() throws {
        var bytes = CheckpointBytes.ggufHeader(tensors: 0, metadata: 1)
        bytes.string("general.alignment")
        bytes.u32(GGUFValueType.uint32.rawValue)
        bytes.u32(0)
        let error = try openingError(bytes)
        #expect(error.kind == .malformedHeader)
        #expect(error.detail.contains("general.alignment"))
    }

    @Test func invalidUTF8InATensorNameIsRefused() throws {
        var bytes = CheckpointBytes.ggufHeader(tensors: 1, metadata: 0)
        bytes.rawString([0x62, 0x6C, 0x6B, 0xC3, 0x28])
        bytes.u32(1)
        bytes.u64(4)
        bytes.u32(0)
        bytes.u64(0)
        bytes.pad(to: 32)
        bytes.raw(.init(repeating: 0, count: 16))
        let error = try openingError(bytes)
        #expect(error.kind == .invalidName)
        #expect(error.detail.contains("name of tensor #0"))
    }

    @Test func invalidUTF8InAMetadataKeyIsRefused() throws {
        var bytes = CheckpointBytes.ggufHeader(tensors: 0, metadata: 1)
        bytes.rawString([0xFF])
        bytes.u32(GGUFValueType.uint8.rawValue)
        bytes.u8(0)
        let error = try openingError(bytes)
        #expect(error.kind == .invalidName)
    }

    @Test func unknownGGMLTypeIdNamesTheTensorAndTheId() throws {
        let error = try openingError(oneTensor("blk.0.attn_q.weight", type: 99))
        #expect(error.kind == .unknownType)
        #expect(error.tensor == "blk.0.attn_q.weight")
        #expect(error.detail.contains("99"))
    }

    @Test func dataPastTheEndOfTheFileIsRefused() throws {
        let error = try openingError(oneTensor(dimensions: [4], dataBytes: 8))
        #expect(error.kind == .badOffsets)
        #expect(error.tensor == "w")
    }

    @Test func offsetFarPastTheEndIsRefusedWithoutOverflow() throws {
        let error = try openingError(oneTensor(offset: UInt64.max - 31))
        #expect(error.kind == .badOffsets)
        #expect(error.tensor == "w")
    }

    @Test func misalignedOffsetIsRefused() throws {
        let error = try openingError(oneTensor(offset: 4, dataBytes: 64))
        #expect(error.kind == .badOffsets)
        #expect(error.detail.contains("alignment"))
    }

    @Test func overlappingTensorsAreRefused() throws {
        var bytes = CheckpointBytes.ggufHeader(tensors: 2, metadata: 0)
        bytes.tensorInfo("a", dimensions: [16], type: 0, offset: 0)
        bytes.tensorInfo("b", dimensions: [16], type: 0, offset: 32)
        bytes.pad(to: 32)
        bytes.raw(.init(repeating: 0, count: 96))
        let error = try openingError(bytes)
        #expect(error.kind == .badOffsets)
        #expect(error.tensor == "b")
        #expect(error.detail.contains("'a'"))
    }

    @Test func tooManyDimensionsAreRefused() throws {
        let error = try openingError(oneTensor(dimensions: [1, 1, 1, 1, 4]))
        #expect(error.kind == .limitExceeded)
        #expect(error.tensor == "w")
    }

    @Test func zeroDimensionsAreRefused() throws {
        let error = try openingError(oneTensor(dimensions: []))
        #expect(error.kind == .limitExceeded)
        #expect(error.detail.contains("0 dimensions"))
    }

    @Test func dimensionsWhoseProductOverflowsAreRefused() throws {
        let error = try openingError(oneTensor(dimensions: [1 << 32, 1 << 32]))
        #expect(error.kind == .limitExceeded)
        #expect(error.tensor == "w")
    }

    @Test func rowLengthThatIsNotWholeBlocksIsASizeMismatch() throws {
        let error = try openingError(oneTensor(dimensions: [48], type: 8, dataBytes: 64))
        #expect(error.kind == .sizeMismatch)
        #expect(error.detail.contains("Q8_0"))
    }

    @Test func duplicateTensorNamesAreMalformed() throws {
        var bytes = CheckpointBytes.ggufHeader(tensors: 2, metadata: 0)
        bytes.tensorInfo("w", dimensions: [4], type: 0, offset: 0)
        bytes.tensorInfo("w", dimensions: [4], type: 0, offset: 32)
        bytes.pad(to: 32)
        bytes.raw(.init(repeating: 0, count: 64))
        let error = try openingError(bytes)
        #expect(error.kind == .malformedHeader)
        #expect(error.tensor == "w")
    }
}
