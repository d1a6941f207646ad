/// Why the sandbox itself (not the candidate) failed.
public enum SandboxError: Error, Equatable, CustomStringConvertible {
    /// No Python interpreter was found.
    case pythonNotFound(String)
    /// The interpreter or `unshare` could not be started.
    case cannotStart(executable: String, reason: String)
    /// The temporary directory could not be prepared.
    case workspace(String)

    /// A message a user can act on.
    public var description: String {
        switch self {
        case .pythonNotFound(let detail): return "sandbox: no python3 found (\(detail)); install python3 or pass its path"
        case .cannotStart(let executable, let reason): return "sandbox: cannot start \(executable): \(reason)"
        case .workspace(let reason): return "sandbox: cannot prepare its temporary directory: \(reason)"
        }
    }
}
