import Testing
@testable import Tensor

@Suite struct DequantizeTests {
    static let types: [DType] = [.q8_0, .q4_0, .q5_0, .q4_K, .q6_K]

    static func matrix(_ dtype: DType) throws -> (WeightMatrix, [Float]) {
        let f = try Fixture.object(Fixture.load("quants.json")[dtype.description])
        let rows = try Fixture.int(f["rows"]), cols = try Fixture.int(f["cols"])
        let bytes = try Fixture.bytes(f["bytes"])
        let m = try WeightMatrix.owned(rows: rows, cols: cols, dtype: dtype)
        bytes.withUnsafeBytes { m.mutableBytes!.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        return (m, try Fixture.floats(f["dequantized"]))
    }

    @Test(arguments: types) func dequantizeRowMatchesGGUFBitForBit(dtype: DType) throws {
        let (m, expected) = try Self.matrix(dtype)
        var row = [Float](repeating: .nan, count: m.cols)
        for r in 0..<m.rows {
            m.dequantizeRow(r, into: &row)
            #expect(row == Array(expected[(r * m.cols)..<((r + 1) * m.cols)]), "row \(r)")
        }
    }

    @Test(arguments: types) func toFloat32MatchesGGUF(dtype: DType) throws {
        let (m, expected) = try Self.matrix(dtype)
        #expect(m.toFloat32() == expected)
    }
}
