import Foundation
import Tensor

/// A memory-mapped `.safetensors` file: its header's metadata and tensors, validated against the file's bytes.
///
/// Layout (per the format's specification): an 8-byte little-endian header length N, N bytes of
/// UTF-8 JSON mapping tensor names to `{"dtype", "shape", "data_offsets": [begin, end]}` plus an
/// optional `"__metadata__"` object of strings, then the data section. Offsets are relative to
/// the data section, which every tensor must cover exactly once with no gaps or overlaps.
public final class SafetensorsFile: @unchecked Sendable {
    /// Headers larger than this are refused as hostile; real ones are a few hundred kilobytes.
    public static let maximumHeaderBytes = 100 * 1024 * 1024

    /// The mapped file; tensors borrow its bytes.
    public let file: MappedFile
    /// The file's path, as named in errors.
    public var path: String { file.path }
    /// The header's `__metadata__` strings (empty when absent).
    public let metadata: [String: String]
    /// Every tensor, in the order their data appears in the file.
    public let tensors: [SafetensorsTensor]
    /// Where the data section starts (8 + header length).
    public let dataStart: Int
    private let index: [String: Int]

    /// Maps and validates the file at `path`.
    public convenience init(path: String) throws {
        try self.init(file: try MappedFile(path: path))
    }

    /// Validates an already mapped file.
    public init(file: MappedFile) throws {
        self.file = file
        let path = file.path
        let lengthBytes = try file.bytes(at: 0, count: 8, what: "8-byte header length")
        let declared = UInt64(littleEndian: lengthBytes.loadUnaligned(as: UInt64.self))
        guard declared <= UInt64(Self.maximumHeaderBytes) else {
            throw CheckpointError(.limitExceeded, file: path,
                                  "header length \(declared) is larger than the \(Self.maximumHeaderBytes)-byte limit")
        }
        let headerLength = Int(declared)
        guard headerLength <= file.count - 8 else {
            throw CheckpointError(.truncated, file: path,
                                  "header length \(headerLength) runs past the end of the \(file.count)-byte file")
        }
        let header = try file.bytes(at: 8, count: headerLength, what: "header")
        dataStart = 8 + headerLength
        let parsed = try Self.parseHeader(header, path: path)
        metadata = parsed.metadata
        tensors = try Self.layOut(parsed.entries, dataStart: dataStart, dataLength: file.count - dataStart, path: path)
        var index: [String: Int] = [:]
        for (position, tensor) in tensors.enumerated() {
            index[tensor.name] = position
        }
        self.index = index
    }

    /// True when the file holds a tensor called `name`.
    public func contains(_ name: String) -> Bool { index[name] != nil }

    /// The header entry for `name`, or a `.missingTensor` error.
    public func tensor(named name: String) throws -> SafetensorsTensor {
        guard let position = index[name] else {
            throw CheckpointError(.missingTensor, file: path, tensor: name, "no such tensor in the file")
        }
        return tensors[position]
    }

    /// The tensor's bytes exactly as stored (little-endian), borrowed from the mapping: valid while this object lives.
    public func rawBytes(named name: String) throws -> UnsafeRawBufferPointer {
        let tensor = try tensor(named: name)
        return try file.bytes(at: tensor.fileRange.lowerBound, count: tensor.byteCount, tensor: name)
    }

    /// The tensor as a weight matrix over the mapped bytes: a 2-D [out, in] tensor gives rows = out;
    /// a 1-D tensor is one row; higher ranks fold their leading dimensions into rows.
    public func matrix(named name: String) throws -> WeightMatrix {
        let tensor = try tensor(named: name)
        let dtype = try supportedType(of: tensor)
        let rows = tensor.shape.dropLast().reduce(1, *)
        let cols = tensor.shape.last ?? 1
        guard rows > 0, cols > 0, let pointer = file.pointer(at: tensor.fileRange.lowerBound) else {
            throw CheckpointError(.invalidShape, file: path, tensor: name,
                                  "shape \(tensor.shape) has no elements, so it cannot be a matrix")
        }
        do {
            return try WeightMatrix(rows: rows, cols: cols, dtype: dtype, bytes: pointer, owner: file)
        } catch {
            throw CheckpointError(.invalidShape, file: path, tensor: name, "\(error)")
        }
    }

    /// The tensor's elements as Float32, converting F16 and BF16 (a copy; meant for norms, biases and tests).
    public func floats(named name: String) throws -> [Float] {
        let tensor = try tensor(named: name)
        let dtype = try supportedType(of: tensor)
        let bytes = try rawBytes(named: name)
        return dtype.checkpointFloats(from: bytes, count: tensor.elementCount) ?? []
    }

    private func supportedType(of tensor: SafetensorsTensor) throws -> DType {
        guard let dtype = tensor.dtype else {
            throw CheckpointError(.unsupportedType, file: path, tensor: tensor.name,
                                  "dtype \(tensor.dtypeName) is not supported (F32, F16 and BF16 are)")
        }
        return dtype
    }
}

extension SafetensorsFile {
    /// A header entry before its offsets are checked against the file.
    struct Entry {
        let name: String
        let dtypeName: String
        let elementBytes: Int
        let shape: [Int]
        let begin: Int
        let end: Int
    }

    static func parseHeader(_ header: UnsafeRawBufferPointer, path: String) throws
        -> (metadata: [String: String], entries: [Entry]) {
        guard String(validating: header, as: UTF8.self) != nil else {
            throw CheckpointError(.invalidName, file: path, "header is not valid UTF-8")
        }
        guard header.first == UInt8(ascii: "{") else {
            throw CheckpointError(.malformedHeader, file: path, "header does not start with '{'")
        }
        let json: CheckpointJSON
        switch CheckpointJSON.parse(Data(header)) {
        case .success(let value): json = value
        case .failure(let error):
            throw CheckpointError(.malformedHeader, file: path, "header is not valid JSON (\(CheckpointJSON.explain(error)))")
        }
        guard let members = json.object else {
            throw CheckpointError(.malformedHeader, file: path, "header is \(json.typeName), not a JSON object")
        }
        var metadata: [String: String] = [:]
        var entries: [Entry] = []
        entries.reserveCapacity(members.count)
        for (name, value) in members {
            if name == "__metadata__" {
                metadata = try parseMetadata(value, path: path)
            } else {
                entries.append(try parseEntry(name: name, value, path: path))
            }
        }
        return (metadata, entries)
    }

    private static func parseMetadata(_ value: CheckpointJSON, path: String) throws -> [String: String] {
        guard let members = value.object else {
            throw CheckpointError(.malformedHeader, file: path, "__metadata__ is \(value.typeName), not an object of strings")
        }
        var metadata: [String: String] = [:]
        for (key, item) in members {
            guard let text = item.string else {
                throw CheckpointError(.malformedHeader, file: path,
                                      "__metadata__ value for '\(key)' is \(item.typeName), not a string")
            }
            metadata[key] = text
        }
        return metadata
    }

    private static func parseEntry(name: String, _ value: CheckpointJSON, path: String) throws -> Entry {
        func fail(_ kind: CheckpointError.Kind, _ detail: String) -> CheckpointError {
            CheckpointError(kind, file: path, tensor: name, detail)
        }
        guard let fields = value.object else {
            throw fail(.malformedHeader, "entry is \(value.typeName), not an object")
        }
        guard let dtypeName = fields["dtype"]?.string else {
            throw fail(.malformedHeader, "missing or non-string \"dtype\"")
        }
        guard let shape = fields["shape"]?.integers else {
            throw fail(.malformedHeader, "missing \"shape\" or it is not an array of 64-bit integers")
        }
        guard let offsets = fields["data_offsets"]?.integers, offsets.count == 2 else {
            throw fail(.malformedHeader, "missing \"data_offsets\" or it is not two 64-bit integers")
        }
        guard let elementBytes = SafetensorsElementType.elementBytes(dtypeName) else {
            if SafetensorsElementType.isSubByte(dtypeName) {
                throw fail(.unsupportedType, "dtype \(dtypeName) is not supported (F32, F16 and BF16 are)")
            }
            throw fail(.unknownType, "dtype \"\(dtypeName)\" is not a safetensors dtype")
        }
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw fail(.invalidShape, "shape \(shape) has a negative dimension")
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin >= 0, end >= 0 else {
            throw fail(.badOffsets, "data_offsets [\(begin), \(end)] are negative")
        }
        guard begin <= end else {
            throw fail(.badOffsets, "data_offsets [\(begin), \(end)] end before they begin")
        }
        var expected = elementBytes
        for dimension in shape {
            let (product, overflow) = expected.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw fail(.limitExceeded, "shape \(shape) of \(dtypeName) overflows a byte count")
            }
            expected = product
        }
        guard expected == end - begin else {
            throw fail(.sizeMismatch,
                       "shape \(shape) of \(dtypeName) needs \(expected) bytes, but data_offsets [\(begin), \(end)] hold \(end - begin)")
        }
        return Entry(name: name, dtypeName: dtypeName, elementBytes: elementBytes, shape: shape, begin: begin, end: end)
    }

    /// Orders entries by offset and checks they tile the data section exactly, as the format requires.
    static func layOut(_ entries: [Entry], dataStart: Int, dataLength: Int, path: String) throws -> [SafetensorsTensor] {
        let sorted = entries.sorted { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var expectedBegin = 0
        var previous: String?
        var tensors: [SafetensorsTensor] = []
        tensors.reserveCapacity(sorted.count)
        for entry in sorted {
            guard entry.end <= dataLength else {
                throw CheckpointError(.badOffsets, file: path, tensor: entry.name,
                                      "data_offsets [\(entry.begin), \(entry.end)] run past the \(dataLength)-byte data section")
            }
            if entry.begin < expectedBegin, let previous {
                throw CheckpointError(.badOffsets, file: path, tensor: entry.name,
                                      "data_offsets [\(entry.begin), \(entry.end)] overlap tensor '\(previous)', which ends at \(expectedBegin)")
            }
            if entry.begin > expectedBegin {
                throw CheckpointError(.badOffsets, file: path, tensor: entry.name,
                                      "data_offsets [\(entry.begin), \(entry.end)] leave bytes \(expectedBegin)..<\(entry.begin) of the data section unused")
            }
            tensors.append(SafetensorsTensor(
                name: entry.name, dtypeName: entry.dtypeName, dtype: DType(safetensorsName: entry.dtypeName),
                shape: entry.shape, fileRange: (dataStart + entry.begin)..<(dataStart + entry.end)))
            expectedBegin = entry.end
            previous = entry.name
        }
        guard expectedBegin == dataLength else {
            throw CheckpointError(.badOffsets, file: path,
                                  "the last \(dataLength - expectedBegin) bytes of the data section belong to no tensor")
        }
        return tensors
    }
}
