import Tensor

extension DType {
    /// `count` little-endian elements of a plain float type as Float32; nil for block-quantized types
    /// (those are dequantized by the Tensor module) or when `bytes` is too short.
    func checkpointFloats(from bytes: UnsafeRawBufferPointer, count: Int) -> [Float]? {
        guard !isQuantized, let needed = byteCount(elements: count), needed <= bytes.count else { return nil }
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            switch self {
            case .f32:
                for i in 0..<count {
                    buffer[i] = Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
                }
            case .f16:
                for i in 0..<count {
                    let bits = UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))
                    buffer[i] = CheckpointHalfFloat.float(fromHalf: bits)
                }
            default:
                for i in 0..<count {
                    let bits = UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))
                    buffer[i] = CheckpointHalfFloat.float(fromBFloat: bits)
                }
            }
            initialized = count
        }
    }
}
