import CPostgres

extension PostgresSession {
    /// Quotes an identifier with libpq's escaping, for statements that cannot take parameters (roles, databases).
    public func quotedIdentifier(_ name: String) throws -> String {
        guard let escaped = PQescapeIdentifier(handle, name, name.utf8.count) else {
            throw PostgresError.invalidArgument("cannot quote identifier '\(name)': \(lastErrorMessage)")
        }
        defer { PQfreemem(escaped) }
        return String(cString: escaped)
    }

    /// Quotes a string literal with libpq's escaping, for statements that cannot take parameters.
    public func quotedLiteral(_ text: String) throws -> String {
        guard let escaped = PQescapeLiteral(handle, text, text.utf8.count) else {
            throw PostgresError.invalidArgument("cannot quote a literal: \(lastErrorMessage)")
        }
        defer { PQfreemem(escaped) }
        return String(cString: escaped)
    }

    /// Hashes a password into a SCRAM-SHA-256 verifier on the client, so the clear text never reaches the server.
    public func passwordVerifier(_ password: String, role: String) throws -> String {
        guard let verifier = PQencryptPasswordConn(handle, password, role, "scram-sha-256") else {
            throw PostgresError.invalidArgument("cannot hash the password for role \(role): \(lastErrorMessage)")
        }
        defer { PQfreemem(verifier) }
        return String(cString: verifier)
    }
}
