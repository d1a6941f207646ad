/// Why the migration history cannot be applied as it stands.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
    /// Two migrations claim the same version.
    case duplicateVersion(Int)
    /// A version is zero or negative.
    case invalidVersion(Int, name: String)
    /// An applied migration's SQL differs from the code's copy of it.
    case checksumMismatch(version: Int, name: String, applied: String, code: String)
    /// A role name that is not a plain lower-case SQL identifier.
    case invalidRoleName(String)

    /// The message a user reads: what failed and where.
    public var description: String {
        switch self {
        case .duplicateVersion(let version):
            return "migration version \(version) is defined twice"
        case .invalidVersion(let version, let name):
            return "migration \(name) has version \(version); versions start at 1"
        case .checksumMismatch(let version, let name, let applied, let code):
            return "migration \(version) (\(name)) was edited after it was applied: the database has checksum \(applied), the code \(code); add a new migration instead"
        case .invalidRoleName(let name):
            return "role name '\(name)' must match [a-z_][a-z0-9_]* (at most 63 characters)"
        }
    }
}
