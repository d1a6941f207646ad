import Foundation

/// A parsed `postgresql://user:password@host:port/database?option=value` connection URL.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    /// Host name or address; a path (from `?host=/dir`) means a Unix socket directory.
    public var host: String
    /// TCP port (or the socket file's number).
    public var port: Int
    /// Role to log in as; nil lets libpq use the operating-system user.
    public var user: String?
    /// Password, percent-decoded; nil when the URL has none.
    public var password: String?
    /// Database name; nil means the same as the user name.
    public var database: String?
    /// Other libpq connection options from the query string (`sslmode`, `connect_timeout`, ...).
    public var options: [String: String]

    /// Creates a URL from its parts.
    public init(host: String = "localhost", port: Int = 5432, user: String? = nil, password: String? = nil,
                database: String? = nil, options: [String: String] = [:]) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.options = options
    }

    /// Parses a `postgresql://` or `postgres://` URL, percent-decoding user, password and database.
    public init(_ string: String) throws {
        let redacted = PostgresURL.redact(string)
        func fail(_ reason: String) -> PostgresError { .invalidURL(redacted, reason: reason) }

        guard let schemeEnd = string.range(of: "://") else {
            throw fail("expected postgresql://user:password@host:port/database")
        }
        let scheme = string[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgresql" || scheme == "postgres" else {
            throw fail("scheme is '\(scheme)', expected postgresql or postgres")
        }
        var rest = Substring(string[schemeEnd.upperBound...])
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        // The password may contain '@' only percent-encoded, so the last '@' ends the user info.
        var hostPort = rest
        var user: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            hostPort = rest[rest.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try PostgresURL.decode(userInfo[..<colon], field: "user", fail: fail)
                password = try PostgresURL.decode(userInfo[userInfo.index(after: colon)...], field: "password", fail: fail)
            } else {
                user = try PostgresURL.decode(userInfo, field: "user", fail: fail)
            }
            if user?.isEmpty == true { user = nil }
        }

        var host = "localhost"
        var port = 5432
        var portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw fail("IPv6 address is missing ']'") }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw fail("unexpected '\(after)' after the IPv6 address")
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            portText = hostPort[hostPort.index(after: colon)...]
        } else if !hostPort.isEmpty {
            host = String(hostPort)
        }
        if host.isEmpty { host = "localhost" }
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw fail("port '\(portText)' is not a number from 1 to 65535")
            }
            port = value
        }

        var options: [String: String] = [:]
        for pair in query.split(separator: "&") where !pair.isEmpty {
            guard let equals = pair.firstIndex(of: "=") else { throw fail("query option '\(pair)' has no '='") }
            let key = try PostgresURL.decode(pair[..<equals], field: "option name", fail: fail)
            let value = try PostgresURL.decode(pair[pair.index(after: equals)...], field: "option \(key)", fail: fail)
            guard !key.isEmpty else { throw fail("query option with an empty name") }
            options[key] = value
        }
        // libpq lets ?host= (typically a socket directory) and ?port= override the authority.
        if let socketHost = options.removeValue(forKey: "host") { host = socketHost }
        if let optionPort = options.removeValue(forKey: "port") {
            guard let value = Int(optionPort), (1...65535).contains(value) else {
                throw fail("port option '\(optionPort)' is not a number from 1 to 65535")
            }
            port = value
        }
        if let optionUser = options.removeValue(forKey: "user") { user = optionUser }
        if let optionPassword = options.removeValue(forKey: "password") { password = optionPassword }
        var database = try PostgresURL.decode(path, field: "database", fail: fail)
        if let optionDatabase = options.removeValue(forKey: "dbname") { database = optionDatabase }
        guard !database.contains("/") else { throw fail("database name '\(database)' contains '/'") }

        self.init(host: host, port: port, user: user, password: password,
                  database: database.isEmpty ? nil : database, options: options)
    }

    /// The URL with the password replaced by `***`, safe for logs and error messages.
    public var description: String {
        var text = "postgresql://"
        if let user {
            text += user
            if password != nil { text += ":***" }
            text += "@"
        }
        text += host.contains(":") ? "[\(host)]" : host
        text += ":\(port)"
        if let database { text += "/\(database)" }
        return text
    }

    /// Keyword/value pairs for `PQconnectdbParams`, so nothing is re-quoted into a conninfo string.
    var connectionParameters: [(String, String)] {
        var pairs: [(String, String)] = [("host", host), ("port", String(port))]
        if let user { pairs.append(("user", user)) }
        if let password { pairs.append(("password", password)) }
        if let database { pairs.append(("dbname", database)) }
        var merged = options
        // Decoding timestamps assumes ISO output in UTC; a caller's own `options` come after ours.
        let sessionSettings = "-c TimeZone=UTC -c DateStyle=ISO,YMD -c extra_float_digits=3"
        merged["options"] = [sessionSettings, options["options"]].compactMap { $0 }.joined(separator: " ")
        if merged["connect_timeout"] == nil { merged["connect_timeout"] = "5" }
        if merged["application_name"] == nil { merged["application_name"] = "lce" }
        if merged["client_encoding"] == nil { merged["client_encoding"] = "UTF8" }
        for key in merged.keys.sorted() { pairs.append((key, merged[key] ?? "")) }
        return pairs
    }

    private static func decode(_ text: Substring, field: String, fail: (String) -> PostgresError) throws -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw fail("\(field) has an invalid percent-encoding")
        }
        return decoded
    }

    /// Hides the password in a raw URL string so a parse error never leaks it.
    static func redact(_ string: String) -> String {
        guard let schemeEnd = string.range(of: "://") else { return string }
        let afterScheme = string[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else {
            return string
        }
        return String(string[..<authority.index(after: colon)]) + "***" + String(string[at...])
    }
}
