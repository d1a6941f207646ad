import Testing
import Tensor

@Suite struct DTypeTests {
    @Test func blockSizesFollowGGML() {
        #expect(DType.q8_0.blockBytes == 34 && DType.q8_0.blockElements == 32)
        #expect(DType.q4_K.blockBytes == 144 && DType.q4_K.blockElements == 256)
        #expect(DType.q6_K.blockBytes == 210)
        #expect(DType(rawValue: 12) == .q4_K)
    }

    @Test func byteCountRejectsPartialBlocksAndOverflow() {
        #expect(DType.q4_0.byteCount(elements: 64) == 36)
        #expect(DType.q4_0.byteCount(elements: 65) == nil)
        #expect(DType.f32.byteCount(elements: Int.max / 2) == nil)
    }
}
