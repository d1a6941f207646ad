import Testing
@testable import Tensor

@Suite struct ScratchPoolTests {
    @Test func aSecondCallGetsTheFirstCallsBufferBack() {
        // Decode steps ask for the same scratch every token: the second call finds the bytes the
        // first left at the end of its buffer (a fresh allocation would be zero-filled). Other
        // tests' scratch is small and written from the start, so the last byte is this test's.
        let size = 3 << 20
        ScratchPool.withBuffer(byteCount: size) { $0.storeBytes(of: 0xA5, toByteOffset: size - 1, as: UInt8.self) }
        let marker = ScratchPool.withBuffer(byteCount: size) { $0.load(fromByteOffset: size - 1, as: UInt8.self) }
        #expect(marker == 0xA5)
    }

    @Test func nestedCallsGetDistinctBuffers() {
        ScratchPool.withBuffer(byteCount: 4096) { outer in
            ScratchPool.withBuffer(byteCount: 4096) { inner in
                #expect(outer != inner)
            }
        }
    }
}
