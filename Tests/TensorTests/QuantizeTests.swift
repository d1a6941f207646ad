import Testing
@testable import Tensor

@Suite struct QuantizeTests {
    /// Quantizes a fixture's source floats and returns (our bytes, the reference bytes, the reference's dequantized floats).
    static func run(_ key: String, _ dtype: DType) throws -> ([UInt8], [UInt8], WeightMatrix, [Float]) {
        let f = try Fixture.object(Fixture.load("quants.json")[key])
        let rows = try Fixture.int(f["rows"]), cols = try Fixture.int(f["cols"])
        let source = try Fixture.floats(f["source"])
        let m = try WeightMatrix.quantize(source, rows: rows, cols: cols, to: dtype)
        let ours = Array(UnsafeRawBufferPointer(start: m.bytes, count: rows * m.rowBytes))
        return (ours, try Fixture.bytes(f["bytes"]), m, try Fixture.floats(f["dequantized"]))
    }

    @Test(arguments: [("q8_0", DType.q8_0), ("q4_0", .q4_0), ("q5_0", .q5_0)])
    func legacyQuantizationMatchesGGUFByteForByte(key: String, dtype: DType) throws {
        let (ours, reference, _, _) = try Self.run(key, dtype)
        #expect(ours == reference)
    }

    @Test(arguments: [("q4_K_quantize", DType.q4_K), ("q6_K_quantize", .q6_K)])
    func kQuantizationMatchesLlamaCppReference(key: String, dtype: DType) throws {
        let (ours, reference, m, expected) = try Self.run(key, dtype)
        let differing = zip(ours, reference).filter { $0 != $1 }.count
        #expect(differing == 0, "\(differing) of \(ours.count) bytes differ")
        #expect(m.toFloat32() == expected)
    }

    @Test(arguments: [DType.q8_0, .q4_0, .q5_0, .q4_K, .q6_K, .f16, .bf16])
    func quantizationErrorIsWithinTheFormatsStep(dtype: DType) throws {
        var generator = SystemRandomNumberGenerator()
        let values = (0..<(4 * 512)).map { _ in Float.random(in: -2...2, using: &generator) }
        let m = try WeightMatrix.quantize(values, rows: 4, cols: 512, to: dtype)
        let back = m.toFloat32()
        // Worst-case step of each format for values in [-2, 2], with room for the K-quants' 6-bit scales.
        let bound: Float = [.q8_0: 2.0 / 127, .q4_0: 2.0 / 8, .q5_0: 2.0 / 16, .q4_K: 4.0 / 15, .q6_K: 2.0 / 32,
                            .f16: 2e-3, .bf16: 2e-2][dtype]!
        let worst = zip(values, back).map { abs($0 - $1) }.max()!
        #expect(worst <= bound)
    }

    @Test func allZeroBlockQuantizesToZeros() throws {
        for dtype in [DType.q8_0, .q4_0, .q5_0, .q4_K, .q6_K] {
            let m = try WeightMatrix.quantize([Float](repeating: 0, count: 256), rows: 1, cols: 256, to: dtype)
            #expect(m.toFloat32().allSatisfy { $0 == 0 }, "\(dtype)")
        }
    }

    @Test func quantizeRejectsRowsThatAreNotWholeBlocks() {
        #expect(throws: TensorError.self) { try WeightMatrix.quantize([Float](repeating: 1, count: 100), rows: 1, cols: 100, to: .q4_K) }
    }
}
