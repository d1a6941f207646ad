/// Why a profile figure could not be measured.
public enum ProfilingError: Error, Equatable, CustomStringConvertible {
    /// The file or directory does not exist.
    case missingPath(String)
    /// The file or directory exists but its size could not be read.
    case unreadable(String)

    /// A message naming the path.
    public var description: String {
        switch self {
        case .missingPath(let path): return "\(path): no such file or directory"
        case .unreadable(let path): return "\(path): cannot read its size"
        }
    }
}
