/// The least-privilege role services log in with: it may connect and read and write rows, never change the schema.
///
/// `Deploy/local/postgres.sh` creates it for the local cluster; elsewhere (Docker, a managed
/// server) `ensure` creates it from the migration step, run by a role with CREATEROLE.
/// `Migrator` then grants it SELECT, INSERT and UPDATE on every table.
public struct ServiceRole: Sendable {
    /// What `ensure` did.
    public enum Outcome: Sendable, Equatable {
        /// The role was created with the given password.
        case created
        /// The role existed; its password was set to the given one.
        case passwordUpdated
        /// The role existed and was left as it was.
        case unchanged
    }

    /// Role name, a plain lower-case identifier.
    public let name: String

    /// Validates the name.
    public init(name: String = "lce_service") throws {
        guard Migrator.isPlainIdentifier(name) else { throw MigrationError.invalidRoleName(name) }
        self.name = name
    }

    /// Creates `role`, or resets its password when it exists: the call `lce db migrate` makes.
    public static func ensure(_ role: String, password: String, on connection: PostgresConnection) async throws {
        try await ServiceRole(name: role).ensure(password: password, updatePassword: true, on: connection)
    }

    /// Creates the role if missing (LOGIN, no superuser, no CREATEDB, no CREATEROLE) and grants CONNECT on this database.
    ///
    /// The password is hashed to a SCRAM verifier by libpq before it is sent. With
    /// `updatePassword`, an existing role's password is replaced too (needs CREATEROLE).
    @discardableResult
    public func ensure(password: String, updatePassword: Bool = false, on connection: PostgresConnection) async throws -> Outcome {
        let name = self.name
        return try await connection.transaction { session -> Outcome in
            let exists = !(try session.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [name])).isEmpty
            let role = try session.quotedIdentifier(name)
            var outcome = Outcome.unchanged
            if !exists || updatePassword {
                // CREATE/ALTER ROLE take no parameters; the verifier is quoted by libpq.
                let verifier = try session.quotedLiteral(try session.passwordVerifier(password, role: name))
                if exists {
                    try session.executeScript("ALTER ROLE \(role) LOGIN PASSWORD \(verifier)")
                    outcome = .passwordUpdated
                } else {
                    try session.executeScript(
                        "CREATE ROLE \(role) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD \(verifier)")
                    outcome = .created
                }
            }
            let database = try session.quotedIdentifier(try session.query("SELECT current_database() AS db")[0].decode("db"))
            try session.executeScript("GRANT CONNECT ON DATABASE \(database) TO \(role)")
            return outcome
        }
    }
}
