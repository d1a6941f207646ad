/// One numbered schema change: applied once, in version order, and never edited afterwards.
public struct Migration: Sendable, Equatable {
    /// Position in the schema's history, from 1 up.
    public let version: Int
    /// Short snake_case description, stored beside the version.
    public let name: String
    /// The DDL to run; it contains no values, only schema.
    public let sql: String

    /// Creates a migration.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// FNV-1a 64-bit hash of the SQL, recorded when applied so a later edit is detected.
    public var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
