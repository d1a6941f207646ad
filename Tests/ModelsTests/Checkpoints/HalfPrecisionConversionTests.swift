import Foundation
import Testing
import Tensor
import Models

/// F16 and BF16 conversion as seen through the writers and readers: rounding like numpy on the
/// way in, exact values on the way out.
struct HalfPrecisionConversionTests {
    /// The 16-bit patterns the safetensors writer stores for `values` as `dtype`.
    func storedBits(_ values: [Float], as dtype: DType) throws -> [UInt16] {
        var writer = SafetensorsWriter()
        try writer.add("x", floats: values, shape: [values.count], as: dtype)
        let path = try CheckpointFixtures.temporaryDirectory().appendingPathComponent("h.safetensors").path
        try writer.write(to: path)
        let file = try SafetensorsFile(path: path)
        let raw = try file.rawBytes(named: "x")
        return (0..<values.count).map { UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self)) }
    }

    /// The floats the reader gives for stored 16-bit patterns.
    func decoded(_ bits: [UInt16], as dtype: DType) throws -> [Float] {
        var bytes: [UInt8] = []
        for value in bits { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        var writer = SafetensorsWriter()
        try writer.add("x", dtype: dtype, shape: [bits.count], bytes: bytes)
        let path = try CheckpointFixtures.temporaryDirectory().appendingPathComponent("d.safetensors").path
        try writer.write(to: path)
        return try SafetensorsFile(path: path).floats(named: "x")
    }

    @Test func halfBitsDecodeToTheirExactValues() throws {
        let values = try decoded([0x3C00, 0xC000, 0x7BFF, 0x0001, 0x7C00, 0x7E00], as: .f16)
        #expect(Array(values[0..<5]) == [1, -2, 65504, Float(sign: .plus, exponent: -24, significand: 1), .infinity])
        #expect(values[5].isNaN)
    }

    @Test func floatsRoundToNearestEvenHalfLikeNumpy() throws {
        let bits = try storedBits([1, 1.0 / 3.0, 65504, 65520, 1 + 1.0 / 2048, 1 + 3.0 / 2048,
                                   Float(sign: .plus, exponent: -24, significand: 1),
                                   Float(sign: .plus, exponent: -26, significand: 1), -0.0, 1e-7], as: .f16)
        // numpy: np.array([...], np.float32).astype(np.float16).view(np.uint16)
        #expect(bits == [0x3C00, 0x3555, 0x7BFF, 0x7C00, 0x3C00, 0x3C02, 0x0001, 0x0000, 0x8000, 0x0002])
    }

    @Test func everyFiniteHalfSurvivesARoundTrip() throws {
        let finite = (UInt16.min...UInt16.max).filter { $0 & 0x7C00 != 0x7C00 }
        let values = try decoded(finite, as: .f16)
        #expect(try storedBits(values, as: .f16) == finite)
    }

    @Test func bfloatRoundsToNearestEven() throws {
        let bits = try storedBits([1, Float(bitPattern: 0x3F80_8000), Float(bitPattern: 0x3F81_8000),
                                   Float(bitPattern: 0x3F80_8001), 0.1, -3.3, 1e30], as: .bf16)
        #expect(bits == [0x3F80, 0x3F80, 0x3F82, 0x3F81, 0x3DCD, 0xC053, 0x714A])
        #expect(try decoded([0xC0A0], as: .bf16) == [-5])
    }

    @Test func nanStaysNaN() throws {
        let half = try storedBits([.nan], as: .f16)
        let bfloat = try storedBits([.nan], as: .bf16)
        #expect(try decoded(half, as: .f16)[0].isNaN)
        #expect(try decoded(bfloat, as: .bf16)[0].isNaN)
    }
}
