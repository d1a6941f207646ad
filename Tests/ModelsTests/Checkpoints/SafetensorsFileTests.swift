import Testing
import Tensor
import Models

struct SafetensorsFileTests {
    let path = CheckpointFixtures.path("tiny.safetensors")

    @Test func readsTheMetadata() throws {
        let file = try SafetensorsFile(path: path)
        #expect(file.metadata == ["format": "pt"])
    }

    @Test func listsTensorsInDataOrderWithShapesAndTypes() throws {
        let file = try SafetensorsFile(path: path)
        #expect(file.tensors.map(\.name) == ["lm_head.weight", "model.embed.weight", "model.proj.weight", "model.norm.weight"])
        #expect(file.tensors.map(\.dtype) == [.f32, .f32, .bf16, .f16])
        #expect(file.tensors.map(\.shape) == [[2, 3], [4, 3], [2, 4], [6]])
        #expect(file.tensors.map(\.byteCount) == [24, 48, 16, 12])
        #expect(file.tensors[0].fileRange.lowerBound == file.dataStart)
        #expect(file.tensors.last?.fileRange.upperBound == file.file.count)
    }

    @Test func convertsF32F16AndBF16ToFloats() throws {
        let file = try SafetensorsFile(path: path)
        #expect(try file.floats(named: "model.embed.weight") == CheckpointFixtures.ramp(12))
        #expect(try file.floats(named: "model.norm.weight") == CheckpointFixtures.ramp(6))
        #expect(try file.floats(named: "model.proj.weight") == CheckpointFixtures.ramp(8))
    }

    @Test func givesA2DTensorAsAWeightMatrixOverTheMapping() throws {
        let file = try SafetensorsFile(path: path)
        let matrix = try file.matrix(named: "model.proj.weight")
        #expect(matrix.rows == 2)
        #expect(matrix.cols == 4)
        #expect(matrix.dtype == .bf16)
        #expect(matrix.owner === file.file)
        let raw = try file.rawBytes(named: "model.proj.weight")
        #expect(matrix.bytes == raw.baseAddress)
        #expect(raw.count == matrix.rows * matrix.rowBytes)
    }

    @Test func givesA1DTensorAsOneRow() throws {
        let matrix = try SafetensorsFile(path: path).matrix(named: "model.norm.weight")
        #expect(matrix.rows == 1)
        #expect(matrix.cols == 6)
    }

    @Test func unknownTensorNameIsAMissingTensorError() throws {
        let file = try SafetensorsFile(path: path)
        let error = try #require(CheckpointFixtures.error { _ = try file.floats(named: "model.absent") })
        #expect(error.kind == .missingTensor)
        #expect(error.tensor == "model.absent")
        #expect(error.description.contains(path))
    }

    @Test func otherDtypesAreListedButRefusedOnAccessNamingTheTensor() throws {
        let header = #"{"position_ids":{"dtype":"I64","shape":[2],"data_offsets":[0,16]},"w":{"dtype":"F32","shape":[1],"data_offsets":[16,20]}}"#
        let path = try CheckpointFixtures.temporaryFile(CheckpointBytes.safetensors(header: header, data: .init(repeating: 0, count: 20)))
        let file = try SafetensorsFile(path: path)
        #expect(try file.floats(named: "w") == [0])
        #expect(try file.tensor(named: "position_ids").dtypeName == "I64")
        let error = try #require(CheckpointFixtures.error { _ = try file.matrix(named: "position_ids") })
        #expect(error.kind == .unsupportedType)
        #expect(error.tensor == "position_ids")
        #expect(error.detail.contains("I64"))
    }

    @Test func headerPaddedWithSpacesIsAccepted() throws {
        let header = #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"# + "     "
        let path = try CheckpointFixtures.temporaryFile(CheckpointBytes.safetensors(header: header, data: [0, 0, 0x80, 0x3F]))
        #expect(try SafetensorsFile(path: path).floats(named: "w") == [1])
    }

    @Test func emptyFileWithNoTensorsIsValid() throws {
        let path = try CheckpointFixtures.temporaryFile(CheckpointBytes.safetensors(header: "{}", data: []))
        #expect(try SafetensorsFile(path: path).tensors.isEmpty)
    }
}
