import Foundation
import Testing
@testable import Evaluation

@Test(arguments: ["stored", "fixed", "dynamic", "two_members"])
func gzipDecodesEveryBlockKind(name: String) throws {
    let decoded = try Gzip.decompress(try DatasetFixture.bytes("\(name).gz"))
    #expect(decoded == (try DatasetFixture.bytes("\(name).expected")))
}

@Test func gzipRejectsBadChecksum() throws {
    #expect(throws: DeflateError.checksumMismatch) { try Gzip.decompress(try DatasetFixture.bytes("bad_crc.gz")) }
}

@Test func gzipRejectsTruncatedData() throws {
    let bytes = try DatasetFixture.bytes("dynamic.gz")
    #expect(throws: DeflateError.truncated) { try Gzip.decompress(Array(bytes[0..<(bytes.count / 2)])) }
}

@Test func inflateDecodesStoredBlockByHand() throws {
    // BFINAL=1, BTYPE=00, LEN=3, NLEN=~3, then "abc".
    #expect(try Inflate.decompress([0x01, 0x03, 0x00, 0xFC, 0xFF, 0x61, 0x62, 0x63]) == Array("abc".utf8))
}

@Test func inflateRejectsReservedBlockType() {
    #expect(throws: DeflateError.invalidBlockType) { try Inflate.decompress([0x07, 0x00]) }
}

@Test func crc32OfCheckStringIsStandardValue() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
}
