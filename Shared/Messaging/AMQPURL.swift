import Foundation

/// The parts of an `amqp://user:password@host:port/vhost` URL, as RabbitMQ's URI spec reads them.
public struct AMQPURL: Sendable, Equatable, CustomStringConvertible {
    /// The broker's host name or address.
    public var host: String
    /// The broker's AMQP port (5672 when the URL names none).
    public var port: Int
    /// The user name for PLAIN authentication.
    public var user: String
    /// The password for PLAIN authentication.
    public var password: String
    /// The virtual host (`/` when the URL's path is empty).
    public var virtualHost: String
    /// Heartbeat interval in seconds, from the `heartbeat` query parameter (30 by default).
    public var heartbeatSeconds: Int
    /// Time allowed to open the TCP connection, from `connection_timeout` in milliseconds (5 s by default).
    public var connectTimeoutMilliseconds: Int

    /// Creates a URL from its parts.
    public init(host: String = "127.0.0.1", port: Int = 5672, user: String = "guest", password: String = "guest",
                virtualHost: String = "/", heartbeatSeconds: Int = 30, connectTimeoutMilliseconds: Int = 5000) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.virtualHost = virtualHost
        self.heartbeatSeconds = heartbeatSeconds
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
    }

    /// Parses an `amqp://` URL; `amqps://` is refused because the services speak plain AMQP on a private network.
    public init(parsing text: String) throws {
        let raw = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !raw.isEmpty else { throw AMQPURLError(url: text, problem: "is empty; expected amqp://user:password@host:port/vhost") }
        guard let schemeEnd = raw.range(of: "://") else {
            throw AMQPURLError(url: raw, problem: "has no scheme; expected amqp://user:password@host:port/vhost")
        }
        let scheme = raw[..<schemeEnd.lowerBound].lowercased()
        if scheme == "amqps" { throw AMQPURLError(url: raw, problem: "amqps (TLS) is not supported; use amqp://") }
        guard scheme == "amqp" else { throw AMQPURLError(url: raw, problem: "scheme '\(scheme)' is not amqp") }

        var rest = raw[schemeEnd.upperBound...]
        var query = Substring("")
        if let q = rest.firstIndex(of: "?") { query = rest[rest.index(after: q)...]; rest = rest[..<q] }
        var path: Substring? = nil
        if let slash = rest.firstIndex(of: "/") { path = rest[rest.index(after: slash)...]; rest = rest[..<slash] }

        var hostPort = rest
        self.init()
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            hostPort = rest[rest.index(after: at)...]
            let parts = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            user = try Self.decode(parts[0], field: "user", url: raw)
            password = parts.count > 1 ? try Self.decode(parts[1], field: "password", url: raw) : ""
            if user.isEmpty { throw AMQPURLError(url: raw, problem: "user name is empty") }
        }

        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw AMQPURLError(url: raw, problem: "IPv6 host has no closing ']'") }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { port = try Self.port(after.dropFirst(), url: raw) }
            else if !after.isEmpty { throw AMQPURLError(url: raw, problem: "unexpected '\(after)' after the IPv6 host") }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            port = try Self.port(hostPort[hostPort.index(after: colon)...], url: raw)
        } else {
            host = String(hostPort)
        }
        if host.isEmpty { host = "localhost" }

        if let path, !path.isEmpty {
            if path.contains("/") { throw AMQPURLError(url: raw, problem: "virtual host '\(path)' contains '/'; write it as %2F") }
            virtualHost = try Self.decode(path, field: "virtual host", url: raw)
        } else {
            virtualHost = "/"
        }

        for pair in query.split(separator: "&") where !pair.isEmpty {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(kv[0])
            let value = kv.count > 1 ? String(kv[1]) : ""
            switch key {
            case "heartbeat":
                guard let seconds = Int(value), seconds >= 0, seconds <= 65535 else {
                    throw AMQPURLError(url: raw, problem: "heartbeat '\(value)' is not a number of seconds from 0 to 65535")
                }
                heartbeatSeconds = seconds
            case "connection_timeout":
                guard let ms = Int(value), ms > 0 else {
                    throw AMQPURLError(url: raw, problem: "connection_timeout '\(value)' is not a positive number of milliseconds")
                }
                connectTimeoutMilliseconds = ms
            default:
                // Other clients' parameters (channel_max, frame_max, ...) are accepted and left to defaults.
                continue
            }
        }
    }

    /// Reads `AMQP_URL` from `environment`, with an error that names the variable when it is missing.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                       variable: String = "AMQP_URL") throws -> AMQPURL {
        guard let value = environment[variable], !value.isEmpty else {
            throw AMQPURLError(url: "", problem: "\(variable) is not set; e.g. \(variable)=amqp://lce:secret@127.0.0.1:5673/ (Deploy/local/rabbitmq.sh env prints it)")
        }
        return try AMQPURL(parsing: value)
    }

    /// RFC 3986's unreserved characters, which a URL's path carries as they are.
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The URL with its password hidden, fit for logs.
    public var description: String {
        let vhost = virtualHost == "/" ? "" : (virtualHost.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? virtualHost)
        let hostText = host.contains(":") ? "[\(host)]" : host
        return "amqp://\(user):***@\(hostText):\(port)/\(vhost)"
    }

    /// Replaces the password of a URL-like string with `***`.
    static func redact(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"), let at = text.range(of: "@", range: schemeEnd.upperBound..<text.endIndex) else { return text }
        let userInfo = text[schemeEnd.upperBound..<at.lowerBound]
        guard let colon = userInfo.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at.lowerBound...])
    }

    private static func decode(_ part: Substring, field: String, url: String) throws -> String {
        guard let decoded = String(part).removingPercentEncoding else {
            throw AMQPURLError(url: url, problem: "\(field) has an invalid percent-encoding")
        }
        return decoded
    }

    private static func port(_ text: Substring, url: String) throws -> Int {
        guard let value = Int(text), (1...65535).contains(value) else {
            throw AMQPURLError(url: url, problem: "port '\(text)' is not a number from 1 to 65535")
        }
        return value
    }
}
