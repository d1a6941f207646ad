import Testing
@testable import MetricsStore

@Test func migrationsAreSortedByVersion() throws {
    let migrator = try Migrator(migrations: [
        Migration(version: 3, name: "c", sql: "SELECT 3"),
        Migration(version: 1, name: "a", sql: "SELECT 1"),
        Migration(version: 2, name: "b", sql: "SELECT 2"),
    ])
    #expect(migrator.migrations.map(\.version) == [1, 2, 3])
}

@Test func duplicateVersionsAreRejected() {
    #expect(throws: MigrationError.duplicateVersion(2)) {
        try Migrator(migrations: [
            Migration(version: 2, name: "a", sql: "SELECT 1"),
            Migration(version: 2, name: "b", sql: "SELECT 2"),
        ])
    }
}

@Test func versionZeroIsRejected() {
    #expect(throws: MigrationError.invalidVersion(0, name: "zero")) {
        try Migrator(migrations: [Migration(version: 0, name: "zero", sql: "SELECT 1")])
    }
}

@Test func pendingSkipsAppliedVersions() throws {
    let first = Migration(version: 1, name: "a", sql: "SELECT 1")
    let second = Migration(version: 2, name: "b", sql: "SELECT 2")
    let migrator = try Migrator(migrations: [second, first])
    #expect(try migrator.pending(applied: [1: first.checksum]) == [second])
    #expect(try migrator.pending(applied: [1: first.checksum, 2: second.checksum]).isEmpty)
}

@Test func editedAppliedMigrationIsReported() throws {
    let migration = Migration(version: 1, name: "a", sql: "SELECT 1")
    let migrator = try Migrator(migrations: [migration])
    #expect(throws: MigrationError.checksumMismatch(version: 1, name: "a", applied: "0000000000000000", code: migration.checksum)) {
        try migrator.pending(applied: [1: "0000000000000000"])
    }
}

@Test func bundledMigrationsAreNumberedFromOneWithoutGaps() {
    #expect(Migration.all.map(\.version) == Array(1...Migration.all.count))
    #expect(Set(Migration.all.map(\.checksum)).count == Migration.all.count)
}

@Test func serviceRoleMustBeAPlainIdentifier() {
    #expect(throws: MigrationError.invalidRoleName("lce\"; DROP")) {
        try Migrator(serviceRole: "lce\"; DROP")
    }
}

@Test func checksumIsStableFNV1a() {
    // FNV-1a 64 of the empty string is the offset basis.
    #expect(Migration(version: 1, name: "e", sql: "").checksum == "cbf29ce484222325")
    #expect(Migration(version: 1, name: "a", sql: "a").checksum == "af63dc4c8601ec8c")
}
