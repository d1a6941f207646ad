/// Why a dataset file could not be read.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file looks gzip-compressed but does not decompress.
    case badCompression(path: String, reason: String)
    /// The file is not UTF-8 text.
    case notUTF8(path: String)
    /// A line is not a JSON object of the expected shape.
    case badLine(path: String, line: Int, reason: String)

    /// A message naming the file, the line and the problem.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): cannot read: \(reason)"
        case .badCompression(let path, let reason): return "\(path): \(reason)"
        case .notUTF8(let path): return "\(path): not UTF-8 text"
        case .badLine(let path, let line, let reason): return "\(path):\(line): \(reason)"
        }
    }
}
