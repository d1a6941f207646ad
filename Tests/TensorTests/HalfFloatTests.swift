import Testing
@testable import Tensor

@Suite struct HalfFloatTests {
    @Test func floatToHalfMatchesNumpyRounding() throws {
        let f = try Fixture.load("halffloat.json")
        let floats = try Fixture.floats(f["floats"])
        let expected = try Fixture.ints(f["f16"])
        for (value, bits) in zip(floats, expected) {
            #expect(HalfFloat.fromFloat(value) == UInt16(bits), "f16 of \(value)")
        }
    }

    @Test func halfToFloatIsExact() throws {
        let f = try Fixture.load("halffloat.json")
        let halves = try Fixture.ints(f["halves"])
        let expected = try Fixture.floats(f["halves_as_float"])
        for (bits, value) in zip(halves, expected) {
            #expect(HalfFloat.toFloat(UInt16(bits)) == value)
        }
    }

    @Test func floatToBFloat16MatchesGGMLRounding() throws {
        let f = try Fixture.load("halffloat.json")
        let floats = try Fixture.floats(f["floats"])
        let expected = try Fixture.ints(f["bf16"])
        for (value, bits) in zip(floats, expected) {
            #expect(HalfFloat.bf16FromFloat(value) == UInt16(bits), "bf16 of \(value)")
        }
    }

    @Test func bfloat16RoundTripsItsOwnValues() {
        for bits: UInt16 in [0x0000, 0x8000, 0x3F80, 0xC120, 0x7F7F, 0x0001] {
            #expect(HalfFloat.bf16FromFloat(HalfFloat.bf16ToFloat(bits)) == bits)
        }
    }
}

@Suite struct HalfFloatBulkTests {
    @Test func bulkConversionMatchesScalarForEveryFiniteAndSpecialHalf() {
        let all = (0...UInt16.max).map { $0 }
        var out = [Float](repeating: 0, count: all.count)
        HalfFloat.toFloat(all, count: all.count, into: &out)
        var mismatches = 0
        for (bits, value) in zip(all, out) {
            let expected = HalfFloat.toFloat(bits)
            if expected.isNaN ? !value.isNaN : expected.bitPattern != value.bitPattern { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func bulkBFloat16ConversionShiftsBits() {
        let bits: [UInt16] = (0..<40).map { UInt16($0 * 1601) }
        var out = [Float](repeating: 0, count: bits.count)
        HalfFloat.bf16ToFloat(bits, count: bits.count, into: &out)
        #expect(out.map(\.bitPattern) == bits.map { UInt32($0) << 16 })
    }
}
