import Foundation
import Testing
import Models

/// Broken and hostile safetensors files: each gives a CheckpointError naming the file, the tensor
/// when known, and the problem, and never reads outside the file.
struct HostileSafetensorsTests {
    /// Writes a file and returns the error opening it throws (failing the test when none is thrown).
    func openingError(_ bytes: [UInt8]) throws -> (path: String, error: CheckpointError) {
        let path = try CheckpointFixtures.temporaryFile(bytes, name: "hostile.safetensors")
        let error = try #require(CheckpointFixtures.error { _ = try SafetensorsFile(path: path) })
        #expect(error.file == path)
        #expect(error.description.hasPrefix(path))
        return (path, error)
    }

    func openingError(header: String, data: [UInt8]) throws -> CheckpointError {
        try openingError(CheckpointBytes.safetensors(header: header, data: data)).error
    }

    @Test func fileShorterThanTheLengthFieldIsTruncated() throws {
        let (_, error) = try openingError([1, 0, 0])
        #expect(error.kind == .truncated)
    }

    @Test func headerLengthPastTheEndIsTruncated() throws {
        var bytes = CheckpointBytes()
        bytes.u64(1000)
        bytes.raw(Array("{}".utf8))
        let (_, error) = try openingError(bytes.bytes)
        #expect(error.kind == .truncated)
        #expect(error.detail.contains("1000"))
    }

    @Test func absurdHeaderLengthIsRefusedBeforeReading() throws {
        var bytes = CheckpointBytes()
        bytes.u64(1 << 62)
        bytes.raw(Array("{}".utf8))
        let (_, error) = try openingError(bytes.bytes)
        #expect(error.kind == .limitExceeded)
    }

    @Test func everyTruncationOfAValidFileIsAnError() throws {
        let whole = Array(try Data(contentsOf: URL(fileURLWithPath: CheckpointFixtures.path("tiny.safetensors"))))
        let path = try CheckpointFixtures.temporaryFile(whole, name: "prefix.safetensors")
        for length in (0..<whole.count).reversed() {
            try CheckpointFixtures.truncate(path, to: length)
            #expect(CheckpointFixtures.error { _ = try SafetensorsFile(path: path) } != nil, "prefix of \(length) bytes")
        }
    }

    @Test func headerThatIsNotJSONIsMalformed() throws {
        let error = try openingError(header: #"{"w": {"dtype": "F32", "shape": [1], "#, data: [])
        #expect(error.kind == .malformedHeader)
    }

    @Test func headerThatIsNotAnObjectIsMalformed() throws {
        let error = try openingError(header: "[1, 2]", data: [])
        #expect(error.kind == .malformedHeader)
    }

    @Test func offsetsPastTheDataSectionAreRefused() throws {
        let error = try openingError(header: #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: [0, 0, 0, 0])
        #expect(error.kind == .badOffsets)
        #expect(error.tensor == "w")
    }

    @Test func hugeOffsetsAreRefusedWithoutOverflow() throws {
        let error = try openingError(header: #"{"w":{"dtype":"U8","shape":[2],"data_offsets":[9223372036854775806,9223372036854775807]}}"#,
                                     data: [0])
        #expect(error.kind == .sizeMismatch || error.kind == .badOffsets)
        #expect(error.tensor == "w")
    }

    @Test func offsetsBeyondSixtyFourBitsAreMalformed() throws {
        let error = try openingError(header: #"{"w":{"dtype":"U8","shape":[1],"data_offsets":[0,99999999999999999999]}}"#, data: [0])
        #expect(error.kind == .malformedHeader)
        #expect(error.tensor == "w")
    }

    @Test func negativeOffsetsAreRefused() throws {
        let error = try openingError(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}}"#, data: [0, 0, 0, 0])
        #expect(error.kind == .badOffsets)
        #expect(error.tensor == "w")
    }

    @Test func invertedOffsetsAreRefused() throws {
        let error = try openingError(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#, data: [0, 0, 0, 0])
        #expect(error.kind == .badOffsets)
        #expect(error.detail.contains("end before they begin"))
    }

    @Test func overlappingTensorsAreRefused() throws {
        let header = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
        let error = try openingError(header: header, data: .init(repeating: 0, count: 12))
        #expect(error.kind == .badOffsets)
        #expect(error.tensor == "b")
        #expect(error.detail.contains("'a'"))
    }

    @Test func unindexedGapsAreRefused() throws {
        let header = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#
        let error = try openingError(header: header, data: .init(repeating: 0, count: 12))
        #expect(error.kind == .badOffsets)
        #expect(error.tensor == "b")
    }

    @Test func trailingBytesAfterTheLastTensorAreRefused() throws {
        let error = try openingError(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: .init(repeating: 0, count: 8))
        #expect(error.kind == .badOffsets)
    }

    @Test func shapeThatDisagreesWithTheByteCountIsRefused() throws {
        let error = try openingError(header: #"{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}}"#, data: .init(repeating: 0, count: 20))
        #expect(error.kind == .sizeMismatch)
        #expect(error.tensor == "w")
        #expect(error.detail.contains("24"))
    }

    @Test func shapeWhoseByteCountOverflowsIsRefused() throws {
        let header = #"{"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}"#
        let error = try openingError(header: header, data: .init(repeating: 0, count: 4))
        #expect(error.kind == .limitExceeded)
        #expect(error.tensor == "w")
    }

    @Test func negativeDimensionIsRefused() throws {
        let error = try openingError(header: #"{"w":{"dtype":"F32","shape":[-1,-4],"data_offsets":[0,16]}}"#, data: .init(repeating: 0, count: 16))
        #expect(error.kind == .invalidShape)
        #expect(error.tensor == "w")
    }

    @Test func unknownDtypeIsRefusedNamingTheTensor() throws {
        let error = try openingError(header: #"{"w":{"dtype":"Q4","shape":[1],"data_offsets":[0,4]}}"#, data: .init(repeating: 0, count: 4))
        #expect(error.kind == .unknownType)
        #expect(error.tensor == "w")
        #expect(error.detail.contains("Q4"))
    }

    @Test func missingFieldsAreMalformed() throws {
        let error = try openingError(header: #"{"w":{"dtype":"F32","data_offsets":[0,4]}}"#, data: .init(repeating: 0, count: 4))
        #expect(error.kind == .malformedHeader)
        #expect(error.tensor == "w")
        #expect(error.detail.contains("shape"))
    }

    @Test func nonStringMetadataIsMalformed() throws {
        let error = try openingError(header: #"{"__metadata__":{"format":7}}"#, data: [])
        #expect(error.kind == .malformedHeader)
        #expect(error.detail.contains("format"))
    }

    @Test func invalidUTF8InTheHeaderIsRefused() throws {
        var header = Array(#"{"w"#.utf8)
        header += [0xFF, 0xFE]
        header += Array(#"":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#.utf8)
        let (_, error) = try openingError(CheckpointBytes.safetensors(headerBytes: header, data: [0, 0, 0, 0]))
        #expect(error.kind == .invalidName)
    }
}

extension HostileSafetensorsTests {
    @Test func deeplyNestedJSONIsRefusedWithoutExhaustingTheStack() throws {
        let depth = 200_000
        let header = #"{"w":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        let error = try openingError(header: header, data: [])
        #expect(error.kind == .malformedHeader)
    }

    @Test func duplicateTensorNamesAreRefused() throws {
        let header = #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#
        let error = try openingError(header: header, data: .init(repeating: 0, count: 8))
        #expect(error.kind == .malformedHeader || error.kind == .badOffsets)
    }
}
