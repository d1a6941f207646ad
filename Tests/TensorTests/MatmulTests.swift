import Testing
@testable import Tensor

@Suite struct MatmulTests {
    struct Case {
        let rows: Int, cols: Int, batch: Int
        let x: [Float], w: [Float], f16: [UInt16], bf16: [UInt16]
        let f: [String: Any]

        init() throws {
            f = try Fixture.load("matmul.json")
            rows = try Fixture.int(f["rows"]); cols = try Fixture.int(f["cols"]); batch = try Fixture.int(f["batch"])
            x = try Fixture.floats(f["x"]); w = try Fixture.floats(f["w"])
            f16 = try Fixture.ints(f["f16_bits"]).map { UInt16($0) }
            bf16 = try Fixture.ints(f["bf16_bits"]).map { UInt16($0) }
        }

        func matrix(_ dtype: DType) throws -> WeightMatrix {
            switch dtype {
            case .f32: return try WeightMatrix.fromFloat32(w, rows: rows, cols: cols)
            default:
                let m = try WeightMatrix.owned(rows: rows, cols: cols, dtype: dtype)
                let bits = dtype == .f16 ? f16 : bf16
                bits.withUnsafeBytes { m.mutableBytes!.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                return m
            }
        }

        func run(_ m: WeightMatrix, batch: Int) -> [Float] {
            var y = [Float](repeating: .nan, count: batch * rows)
            m.matmul(x, batch: batch, into: &y)
            return y
        }
    }

    static let dtypes: [(DType, String)] = [(.f32, "y_f32"), (.f16, "y_f16"), (.bf16, "y_bf16")]

    @Test(arguments: dtypes) func batchedMatmulMatchesReference(dtype: DType, key: String) throws {
        let c = try Case()
        let y = c.run(try c.matrix(dtype), batch: c.batch)
        #expect(Fixture.maxRelativeError(y, try Fixture.floats(c.f[key]), floor: 1) < 1e-5)
    }

    @Test(arguments: dtypes) func singleRowMatmulMatchesReference(dtype: DType, key: String) throws {
        let c = try Case()
        let y = c.run(try c.matrix(dtype), batch: 1)
        let expected = Array(try Fixture.floats(c.f[key]).prefix(c.rows))
        #expect(Fixture.maxRelativeError(y, expected, floor: 1) < 1e-5)
    }

    @Test(arguments: [DType.f16, .bf16]) func toFloat32DecodesEveryRow(dtype: DType) throws {
        let c = try Case()
        let m = try c.matrix(dtype)
        let all = m.toFloat32()
        let bits = dtype == .f16 ? c.f16 : c.bf16
        let expected = bits.map { dtype == .f16 ? HalfFloat.toFloat($0) : HalfFloat.bf16ToFloat($0) }
        #expect(all == expected)
    }

    @Test func sgemmHonoursTransposesAndBeta() {
        // A = [[1,2],[3,4]], B = [[5,6],[7,8]]; C = 2·Aᵀ·B + 1·C
        let a: [Float] = [1, 2, 3, 4], b: [Float] = [5, 6, 7, 8]
        var c: [Float] = [1, 1, 1, 1]
        BLAS.sgemm(transA: true, transB: false, m: 2, n: 2, k: 2, alpha: 2, a: a, lda: 2, b: b, ldb: 2, beta: 1, c: &c, ldc: 2)
        // Aᵀ·B = [[1·5+3·7, 1·6+3·8], [2·5+4·7, 2·6+4·8]] = [[26, 30], [38, 44]]
        #expect(c == [53, 61, 77, 89])
    }

    @Test func fromFloat32RejectsWrongCount() {
        #expect(throws: TensorError.self) { try WeightMatrix.fromFloat32([1, 2, 3], rows: 2, cols: 2) }
    }

    @Test func ownedMatrixIsWritableAndZeroed() throws {
        let m = try WeightMatrix.owned(rows: 2, cols: 64, dtype: .q8_0)
        let p = try #require(m.mutableBytes)
        #expect(m.rowBytes == 68)
        #expect(Int(bitPattern: p) % 64 == 0)
        #expect(m.toFloat32().allSatisfy { $0 == 0 })
    }
}
