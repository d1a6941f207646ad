import Foundation

/// An HTTP answer as the client saw it.
struct HTTPResponse: Sendable {
    let status: Int
    let body: Data

    /// The body as a JSON object, or nil.
    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }

    var text: String { String(decoding: body, as: UTF8.self) }
}
