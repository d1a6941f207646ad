/// Why the router could not answer a request, with the HTTP status it maps to.
public enum RouterError: Error, Equatable, CustomStringConvertible {
    /// The body is not JSON of the expected shape (400).
    case badRequest(String)
    /// The named variant does not exist (404).
    case unknownVariant(String)
    /// The body is larger than the router accepts (413).
    case bodyTooLarge(limit: Int)
    /// The request is well-formed but cannot be served as asked, e.g. a prompt over the context (422).
    case unprocessable(String)
    /// Too many requests in flight, or no live worker for any variant (503).
    case unavailable(String)
    /// The deadline passed before a worker answered (504).
    case timedOut(String)
    /// A worker answered with an error (502).
    case workerFailed(String)
    /// A missing or wrong bearer token (401).
    case unauthorized

    /// The HTTP status code for this error.
    public var httpStatus: Int {
        switch self {
        case .badRequest: return 400
        case .unauthorized: return 401
        case .unknownVariant: return 404
        case .bodyTooLarge: return 413
        case .unprocessable: return 422
        case .workerFailed: return 502
        case .unavailable: return 503
        case .timedOut: return 504
        }
    }

    public var description: String {
        switch self {
        case .badRequest(let m): return m
        case .unknownVariant(let m): return m
        case .bodyTooLarge(let limit): return "request body is larger than \(limit) bytes"
        case .unprocessable(let m): return m
        case .unavailable(let m): return m
        case .timedOut(let m): return m
        case .workerFailed(let m): return m
        case .unauthorized: return "missing or wrong bearer token (Authorization: Bearer <LCE_API_TOKEN>)"
        }
    }
}
