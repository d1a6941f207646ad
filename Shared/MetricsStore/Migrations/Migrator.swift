import Logging

/// Applies the numbered migrations that a database lacks, once, under an advisory lock.
///
/// All pending migrations run in one transaction: a failure leaves the schema as it was.
/// The transaction first takes a transaction-scoped advisory lock, so two services starting
/// at once apply each migration once; the second waits, then finds nothing to do.
public struct Migrator: Sendable {
    /// The migrations, sorted by version.
    public let migrations: [Migration]
    /// Role given SELECT/INSERT/UPDATE on every table after migrating (if it exists); nil for none.
    public let serviceRole: String?
    private let logger: Logger

    /// Advisory lock key: "lcemigr" in ASCII, shared by every lce service.
    public static let lockKey: Int64 = 0x6C63_656D_6967_72

    /// Validates the history (unique positive versions) and sorts it.
    public init(migrations: [Migration] = Migration.all, serviceRole: String? = "lce_service",
                logger: Logger = Logger(label: "lce.migrator")) throws {
        self.migrations = try Migrator.ordered(migrations)
        if let serviceRole {
            guard Migrator.isPlainIdentifier(serviceRole) else { throw MigrationError.invalidRoleName(serviceRole) }
        }
        self.serviceRole = serviceRole
        self.logger = logger
    }

    /// Sorts migrations by version, rejecting duplicates and versions below 1.
    public static func ordered(_ migrations: [Migration]) throws -> [Migration] {
        var seen = Set<Int>()
        for migration in migrations {
            guard migration.version >= 1 else { throw MigrationError.invalidVersion(migration.version, name: migration.name) }
            guard seen.insert(migration.version).inserted else { throw MigrationError.duplicateVersion(migration.version) }
        }
        return migrations.sorted { $0.version < $1.version }
    }

    /// The migrations still to apply, given the checksums already recorded by version.
    public func pending(applied: [Int: String]) throws -> [Migration] {
        for migration in migrations {
            if let recorded = applied[migration.version], recorded != migration.checksum {
                throw MigrationError.checksumMismatch(version: migration.version, name: migration.name,
                                                      applied: recorded, code: migration.checksum)
            }
        }
        return migrations.filter { applied[$0.version] == nil }
    }

    /// Brings the database up to date; run it with the owner role (LCE_DATABASE_ADMIN_URL).
    @discardableResult
    public func migrate(on connection: PostgresConnection) async throws -> MigrationReport {
        let report = try await connection.transaction { session -> MigrationReport in
            try session.query("SELECT pg_advisory_xact_lock($1)", [Migrator.lockKey])
            try session.executeScript("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            var applied: [Int: String] = [:]
            for row in try session.query("SELECT version, checksum FROM schema_migrations") {
                applied[try row.decode("version")] = try row.decode("checksum", as: String.self)
            }
            let known = Set(migrations.map(\.version))
            let unknown = applied.keys.filter { !known.contains($0) }.sorted()
            let todo = try pending(applied: applied)
            for migration in todo {
                logger.info("applying migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                try session.executeScript(migration.sql)
                try session.execute("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                                    [migration.version, migration.name, migration.checksum])
            }
            if let serviceRole {
                try grant(to: serviceRole, in: session)
            }
            let current = max(applied.keys.max() ?? 0, todo.last?.version ?? 0)
            return MigrationReport(applied: todo.map(\.version), currentVersion: current, unknown: unknown)
        }
        if !report.unknown.isEmpty {
            logger.warning("database has migrations this code does not know; a newer release has run",
                           metadata: ["versions": "\(report.unknown)"])
        }
        return report
    }

    /// Grants the service role data access (no DDL), if the role exists in this cluster.
    private func grant(to role: String, in session: PostgresSession) throws {
        let exists = try session.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])
        guard !exists.isEmpty else {
            logger.info("service role absent; skipping grants", metadata: ["role": "\(role)"])
            return
        }
        // Identifiers cannot be parameters; the name was checked to be a plain identifier.
        try session.executeScript("""
            GRANT USAGE ON SCHEMA public TO "\(role)";
            GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO "\(role)";
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "\(role)";
            REVOKE INSERT, UPDATE ON schema_migrations FROM "\(role)";
            """)
    }

    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 63,
              first == "_" || ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }
}
