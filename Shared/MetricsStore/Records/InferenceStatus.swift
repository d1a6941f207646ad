/// How a served request ended.
public enum InferenceStatus: String, Sendable, Codable, CaseIterable, PostgresEncodable {
    /// Text was generated and returned.
    case ok
    /// Generation failed.
    case error
    /// The deadline passed before work started.
    case expired
    /// The request was refused (bad input, over the context, unknown variant).
    case rejected

    /// The status as stored in `inference_requests.status`.
    public var postgresText: String? { rawValue }
}
