import Foundation
import Hummingbird
import NIOCore
import Routing

/// The router's HTTP surface: `POST /generate` with the prototype's body and answer.
struct GenerateRoutes {
    let router: RequestRouter
    let maxBodyBytes: Int
    let limiter: InFlightLimiter

    /// Prompts up to this many bytes are handled on the HTTP event loop (EventLoopTaskExecutor); longer ones on
    /// the shared pool.
    static let promptBytesOnLoop = 16_384

    /// Adds `POST /generate` to `http`.
    func add(to http: Router<BasicRequestContext>) {
        http.post("generate") { request, _ -> Response in
            do {
                return try await limiter.run {
                    let body: ByteBuffer
                    do {
                        body = try await request.body.collect(upTo: maxBodyBytes)
                    } catch is NIOTooManyBytesError {
                        throw RouterError.bodyTooLarge(limit: maxBodyBytes)
                    }
                    let call = try Self.decode(body)
                    let answer: GenerateAnswer
                    if call.prompt.utf8.count > Self.promptBytesOnLoop {
                        // Counting a long prompt's tokens would hold up every other connection on the HTTP loop.
                        answer = try await withTaskExecutorPreference(globalConcurrentExecutor) { try await router.handle(call) }
                    } else {
                        answer = try await router.handle(call)
                    }
                    return try Self.json(answer, status: .ok)
                }
            } catch let error as RouterError {
                return Self.errorResponse(error)
            }
        }
    }

    /// Decodes the body, turning every decoding failure into a 400 that names the problem.
    static func decode(_ body: ByteBuffer) throws -> GenerateCall {
        do {
            return try JSONDecoder().decode(GenerateCall.self, from: Data(buffer: body))
        } catch DecodingError.keyNotFound(let key, _) {
            throw RouterError.badRequest("missing field '\(key.stringValue)': the body is {\"prompt\": \"...\"}")
        } catch DecodingError.typeMismatch(_, let context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw RouterError.badRequest("field '\(field)' has the wrong type")
        } catch DecodingError.valueNotFound(_, let context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw RouterError.badRequest("field '\(field)' is null")
        } catch {
            throw RouterError.badRequest("body is not valid JSON: expected {\"prompt\": \"...\"}")
        }
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        let data = try JSONEncoder().encode(value)
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `{"error": message, "status": code}` with the error's HTTP status.
    static func errorResponse(_ error: RouterError) -> Response {
        let body = ["error": error.description, "status": "\(error.httpStatus)"]
        let data = (try? JSONEncoder().encode(body)) ?? Data("{\"error\":\"internal\"}".utf8)
        var headers: HTTPFields = [.contentType: "application/json"]
        if error == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: .init(code: error.httpStatus), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
