import Tensor

/// A memory-mapped GGUF file (versions 2 and 3): its metadata, tensor infos and data section.
///
/// Layout, all little-endian: magic "GGUF", u32 version, u64 tensor count, u64 metadata count,
/// the metadata (u64-length string key, u32 type, value), the tensor infos (name, u32 n_dims,
/// u64 ne[n_dims], u32 GGML type, u64 offset), padding to `general.alignment` (default 32),
/// then the data section that the offsets point into. Every count and length is checked
/// against the bytes left in the file before anything is allocated or read.
public final class GGUFFile: @unchecked Sendable {
    /// "GGUF" read as a little-endian u32.
    public static let magic: UInt32 = 0x4655_4747
    /// Data alignment when `general.alignment` is absent.
    public static let defaultAlignment = 32
    /// GGML's limit on tensor rank.
    public static let maximumDimensions = 4
    /// How deeply arrays may nest inside arrays before the file is refused.
    static let maximumArrayDepth = 16

    /// The mapped file; tensors borrow its bytes.
    public let file: MappedFile
    /// The file's path, as named in errors.
    public var path: String { file.path }
    /// The format version (2 or 3).
    public let version: UInt32
    /// Metadata keys in the order they appear in the file.
    public let metadataKeys: [String]
    /// Metadata values by key.
    public let metadata: [String: GGUFValue]
    /// Tensor infos in the order they appear in the file.
    public let tensors: [GGUFTensorInfo]
    /// The data alignment in bytes (`general.alignment` or 32).
    public let alignment: Int
    /// Where the data section starts in the file.
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
        var cursor = CheckpointCursor(file: file)
        let magic = try cursor.readUInt32("magic")
        guard magic == Self.magic else {
            let shown = withUnsafeBytes(of: magic.littleEndian) { $0.map { String($0, radix: 16) }.joined(separator: " ") }
            throw CheckpointError(.malformedHeader, file: path, "not a GGUF file: magic bytes are \(shown), expected 47 47 55 46 (\"GGUF\")")
        }
        version = try cursor.readUInt32("version")
        guard version == 2 || version == 3 else {
            if version.byteSwapped == 2 || version.byteSwapped == 3 {
                throw CheckpointError(.malformedHeader, file: path, "big-endian GGUF files are not supported")
            }
            throw CheckpointError(.malformedHeader, file: path, "GGUF version \(version) is not supported (2 and 3 are)")
        }
        // A tensor info is at least an 8-byte name length, n_dims, type and offset.
        let tensorCount = try cursor.readCount("tensor count", minimumItemBytes: 24)
        // A metadata entry is at least an 8-byte key length, a type and a 1-byte value.
        let metadataCount = try cursor.readCount("metadata count", minimumItemBytes: 13)

        var keys: [String] = []
        var values: [String: GGUFValue] = [:]
        keys.reserveCapacity(metadataCount)
        for position in 0..<metadataCount {
            let key = try cursor.readString("metadata key #\(position)")
            guard values[key] == nil else {
                throw CheckpointError(.malformedHeader, file: path, "metadata key '\(key)' appears twice")
            }
            let rawType = try cursor.readUInt32("type of metadata '\(key)'")
            values[key] = try Self.readValue(&cursor, rawType: rawType, key: key, depth: 0)
            keys.append(key)
        }
        metadataKeys = keys
        metadata = values

        if let value = values["general.alignment"] {
            guard case .uint32(let declared) = value, declared > 0, declared & (declared - 1) == 0 else {
                throw CheckpointError(.malformedHeader, file: path,
                                      "general.alignment must be a power-of-two uint32, found \(value)")
            }
            alignment = Int(declared)
        } else {
            alignment = Self.defaultAlignment
        }

        var infos: [(name: String, dimensions: [Int], layout: GGMLTypeLayout, offset: UInt64, bytes: Int)] = []
        infos.reserveCapacity(tensorCount)
        var seen = Set<String>()
        for position in 0..<tensorCount {
            cursor.tensor = nil
            let name = try cursor.readString("name of tensor #\(position)")
            cursor.tensor = name
            guard seen.insert(name).inserted else {
                throw CheckpointError(.malformedHeader, file: path, tensor: name, "tensor name appears twice")
            }
            let rank = try cursor.readUInt32("number of dimensions")
            guard rank >= 1, rank <= UInt32(Self.maximumDimensions) else {
                throw CheckpointError(.limitExceeded, file: path, tensor: name,
                                      "has \(rank) dimensions; GGUF tensors have 1 to \(Self.maximumDimensions)")
            }
            var dimensions: [Int] = []
            var elements = 1
            for axis in 0..<Int(rank) {
                let raw = try cursor.readUInt64("dimension \(axis)")
                guard let dimension = Int(exactly: raw),
                      case let (product, overflow) = elements.multipliedReportingOverflow(by: dimension), !overflow else {
                    throw CheckpointError(.limitExceeded, file: path, tensor: name,
                                          "dimension \(axis) is \(raw), so the element count overflows")
                }
                dimensions.append(dimension)
                elements = product
            }
            let typeID = try cursor.readUInt32("GGML type")
            guard let layout = GGMLTypeLayout.forID(typeID) else {
                throw CheckpointError(.unknownType, file: path, tensor: name, "GGML type id \(typeID) is unknown")
            }
            guard dimensions[0] % layout.blockElements == 0 else {
                throw CheckpointError(.sizeMismatch, file: path, tensor: name,
                                      "row length \(dimensions[0]) is not a whole number of \(layout.name) blocks of \(layout.blockElements)")
            }
            let (bytes, overflow) = (elements / layout.blockElements).multipliedReportingOverflow(by: layout.blockBytes)
            guard !overflow else {
                throw CheckpointError(.limitExceeded, file: path, tensor: name,
                                      "dimensions \(dimensions) of \(layout.name) overflow a byte count")
            }
            let offset = try cursor.readUInt64("data offset")
            infos.append((name, dimensions, layout, offset, bytes))
        }
        cursor.tensor = nil

        let (paddedStart, _) = cursor.offset.addingReportingOverflow((alignment - cursor.offset % alignment) % alignment)
        dataStart = paddedStart
        tensors = try Self.place(infos, dataStart: dataStart, alignment: alignment, file: file)
        var index: [String: Int] = [:]
        for (position, tensor) in tensors.enumerated() {
            index[tensor.name] = position
        }
        self.index = index
    }

    /// True when the file holds a tensor called `name`.
    public func contains(_ name: String) -> Bool { index[name] != nil }

    /// The tensor info for `name`, or a `.missingTensor` error.
    public func tensor(named name: String) throws -> GGUFTensorInfo {
        guard let position = index[name] else {
            throw CheckpointError(.missingTensor, file: path, tensor: name, "no such tensor in the file")
        }
        return tensors[position]
    }

    /// Checks every tensor's offset is aligned, inside the file and clear of the others.
    private static func place(_ infos: [(name: String, dimensions: [Int], layout: GGMLTypeLayout, offset: UInt64, bytes: Int)],
                              dataStart: Int, alignment: Int, file: MappedFile) throws -> [GGUFTensorInfo] {
        var placed: [GGUFTensorInfo] = []
        placed.reserveCapacity(infos.count)
        for info in infos {
            func fail(_ detail: String) -> CheckpointError {
                CheckpointError(.badOffsets, file: file.path, tensor: info.name, detail)
            }
            guard info.offset % UInt64(alignment) == 0 else {
                throw fail("data offset \(info.offset) is not a multiple of the \(alignment)-byte alignment")
            }
            guard let offset = Int(exactly: info.offset),
                  case let (begin, overflow) = dataStart.addingReportingOverflow(offset), !overflow,
                  file.contains(offset: begin, count: info.bytes) else {
                throw fail("its \(info.bytes) bytes at data offset \(info.offset) run past the end of the \(file.count)-byte file")
            }
            placed.append(GGUFTensorInfo(name: info.name, dimensions: info.dimensions, layout: info.layout,
                                         dtype: DType(rawValue: info.layout.id), offset: offset,
                                         fileRange: begin..<(begin + info.bytes)))
        }
        let byOffset = placed.filter { !$0.fileRange.isEmpty }.sorted { $0.fileRange.lowerBound < $1.fileRange.lowerBound }
        for (before, after) in zip(byOffset, byOffset.dropFirst()) where after.fileRange.lowerBound < before.fileRange.upperBound {
            throw CheckpointError(.badOffsets, file: file.path, tensor: after.name,
                                  "data at offset \(after.offset) overlaps tensor '\(before.name)' (offset \(before.offset), \(before.byteCount) bytes)")
        }
        return placed
    }

    static func readValue(_ cursor: inout CheckpointCursor, rawType: UInt32, key: String, depth: Int) throws -> GGUFValue {
        guard let type = GGUFValueType(rawValue: rawType) else {
            throw CheckpointError(.malformedHeader, file: cursor.file.path, "metadata '\(key)' has unknown value type \(rawType)")
        }
        let what = "value of metadata '\(key)'"
        switch type {
        case .uint8: return .uint8(try cursor.readUInt8(what))
        case .int8: return .int8(Int8(bitPattern: try cursor.readUInt8(what)))
        case .uint16: return .uint16(try cursor.readInteger(UInt16.self, what))
        case .int16: return .int16(try cursor.readInteger(Int16.self, what))
        case .uint32: return .uint32(try cursor.readUInt32(what))
        case .int32: return .int32(try cursor.readInteger(Int32.self, what))
        case .float32: return .float32(try cursor.readFloat32(what))
        case .uint64: return .uint64(try cursor.readUInt64(what))
        case .int64: return .int64(try cursor.readInteger(Int64.self, what))
        case .float64: return .float64(try cursor.readFloat64(what))
        case .bool: return .bool(try readBool(&cursor, key: key))
        case .string: return .string(try cursor.readString(what))
        case .array: return .array(try readArray(&cursor, key: key, depth: depth))
        }
    }

    private static func readBool(_ cursor: inout CheckpointCursor, key: String) throws -> Bool {
        let byte = try cursor.readUInt8("value of metadata '\(key)'")
        guard byte <= 1 else {
            throw CheckpointError(.malformedHeader, file: cursor.file.path, "metadata '\(key)' has bool byte \(byte), not 0 or 1")
        }
        return byte == 1
    }

    private static func readArray(_ cursor: inout CheckpointCursor, key: String, depth: Int) throws -> GGUFArray {
        guard depth < maximumArrayDepth else {
            throw CheckpointError(.limitExceeded, file: cursor.file.path,
                                  "metadata '\(key)' nests arrays more than \(maximumArrayDepth) deep")
        }
        let rawType = try cursor.readUInt32("element type of metadata '\(key)'")
        guard let type = GGUFValueType(rawValue: rawType) else {
            throw CheckpointError(.malformedHeader, file: cursor.file.path, "metadata '\(key)' has arrays of unknown type \(rawType)")
        }
        let count = try cursor.readCount("length of array '\(key)'", minimumItemBytes: type.minimumBytes)
        let what = "array '\(key)'"
        func numbers<T: FixedWidthInteger>(_: T.Type) throws -> [T] {
            let bytes = try cursor.take(count * MemoryLayout<T>.size, what)
            return (0..<count).map { T(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self)) }
        }
        switch type {
        case .uint8: return .uint8(try numbers(UInt8.self))
        case .int8: return .int8(try numbers(Int8.self))
        case .uint16: return .uint16(try numbers(UInt16.self))
        case .int16: return .int16(try numbers(Int16.self))
        case .uint32: return .uint32(try numbers(UInt32.self))
        case .int32: return .int32(try numbers(Int32.self))
        case .uint64: return .uint64(try numbers(UInt64.self))
        case .int64: return .int64(try numbers(Int64.self))
        case .float32: return .float32(try numbers(UInt32.self).map(Float.init(bitPattern:)))
        case .float64: return .float64(try numbers(UInt64.self).map(Double.init(bitPattern:)))
        case .bool:
            var flags: [Bool] = []
            flags.reserveCapacity(count)
            for _ in 0..<count { flags.append(try readBool(&cursor, key: key)) }
            return .bool(flags)
        case .string:
            var strings: [String] = []
            strings.reserveCapacity(count)
            for position in 0..<count { strings.append(try cursor.readString("element \(position) of \(what)")) }
            return .string(strings)
        case .array:
            var arrays: [GGUFArray] = []
            arrays.reserveCapacity(count)
            for _ in 0..<count { arrays.append(try readArray(&cursor, key: key, depth: depth + 1)) }
            return .array(arrays)
        }
    }
}
