import Testing
import Tensor

@Suite struct TensorTests {
    @Test func newTensorIsZeroFilledWithItsShapesCount() {
        let t = Tensor(shape: [3, 5])
        #expect(t.count == 15)
        #expect(t.toArray() == [Float](repeating: 0, count: 15))
    }

    @Test func rowPointsAtTheStartOfEachRow() throws {
        let t = try Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        #expect(t.row(1)[0] == 4)
        t.row(1)[2] = 9
        #expect(t[5] == 9)
    }

    @Test func valuesThatDoNotFillTheShapeAreRejected() {
        #expect(throws: TensorError.self) { try Tensor(shape: [2, 2], values: [1, 2, 3]) }
    }

    @Test func storageIsCacheLineAligned() {
        let t = Tensor(shape: [7])
        #expect(Int(bitPattern: t.data) % 64 == 0)
    }
}
