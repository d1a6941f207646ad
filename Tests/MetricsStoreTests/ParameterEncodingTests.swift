import Foundation
import Testing
@testable import MetricsStore

@Test func arrayLiteralQuotesEveryElementAndEscapesQuotesAndBackslashes() {
    let array = PostgresArray(["plain", "a,b", "say \"hi\"", "back\\slash", "", "NULL", nil])
    #expect(array.literal == #"{"plain","a,b","say \"hi\"","back\\slash","","NULL",NULL}"#)
}

@Test func emptyArrayLiteralIsBraces() {
    #expect(PostgresArray([]).literal == "{}")
}

@Test func doublesUsePostgresSpellingsForSpecialValues() {
    #expect(Double.nan.postgresText == "NaN")
    #expect(Double.infinity.postgresText == "Infinity")
    #expect((-Double.infinity).postgresText == "-Infinity")
    #expect(0.1.postgresText == "0.1")
    #expect(Double(postgresText: "1e-05") == 0.00001)
}

@Test func scalarsEncodeAsPostgresTextForms() {
    let id = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
    #expect(id.postgresText == "e621e1f8-c36c-495a-93fc-0c247a3e6e5f")
    #expect(true.postgresText == "t")
    #expect(Int?.none.postgresText == nil)
    #expect(Optional(42).postgresText == "42")
    #expect(VariantKind.qlora.postgresText == "qlora")
}

@Test func copyRowsEscapeDelimitersAndMarkNulls() {
    var buffer: [UInt8] = []
    PostgresCopyFormat.appendRow(["a\tb", "line1\nline2\r", "c:\\dir", nil, 7], to: &buffer)
    #expect(String(decoding: buffer, as: UTF8.self) == "a\\tb\tline1\\nline2\\r\tc:\\\\dir\t\\N\t7\n")
}

@Test func timestampsFormatInUTCWithMicroseconds() {
    let date = Date(timeIntervalSince1970: 1_795_710_165.123456)
    #expect(PostgresTimestamp.format(date) == "2026-11-26T16:22:45.123456Z")
    #expect(PostgresTimestamp.format(Date(timeIntervalSince1970: -1.5)) == "1969-12-31T23:59:58.500000Z")
}

@Test func timestampsParseWhatPostgresPrints() throws {
    let utc = try #require(PostgresTimestamp.parse("2026-11-26 16:22:45.123456+00"))
    #expect(abs(utc.timeIntervalSince1970 - 1_795_710_165.123456) < 1e-6)
    let offset = try #require(PostgresTimestamp.parse("2026-11-26 21:52:45+05:30"))
    #expect(offset.timeIntervalSince1970 == 1_795_710_165)
    let dateOnly = try #require(PostgresTimestamp.parse("1970-01-02"))
    #expect(dateOnly.timeIntervalSince1970 == 86_400)
}

@Test func malformedTimestampsDoNotParse() {
    #expect(PostgresTimestamp.parse("2026-13-01 00:00:00+00") == nil)
    #expect(PostgresTimestamp.parse("yesterday") == nil)
    #expect(PostgresTimestamp.parse("2026-11-26 16:22:45.+00") == nil)
}

@Test func variantKindIsReadFromTheIdPrefix() {
    #expect(VariantKind(variantID: "base") == .base)
    #expect(VariantKind(variantID: "lora.sql") == .lora)
    #expect(VariantKind(variantID: "qlora.sql") == .qlora)
    #expect(VariantKind(variantID: "q4") == .q4)
    #expect(VariantKind(variantID: "distilled") == .other)
}

@Test func nulCharactersBecomeReplacementCharacters() {
    #expect("a\u{0}b".postgresText == "a\u{FFFD}b")
    #expect(PostgresArray(["x\u{0}"]).literal == "{\"x\u{FFFD}\"}")
}
