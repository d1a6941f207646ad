import Foundation
import Logging

/// A swift-log handler that writes one JSON object per line to standard error, so logs of
/// every service can be read by a person and parsed by a log collector alike.
public struct StructuredLogHandler: LogHandler {
    /// The service or component name, written as "service" in every line.
    public let label: String
    /// Fields attached to every line this handler writes.
    public var metadata: Logger.Metadata = [:]
    /// Lines below this level are dropped.
    public var logLevel: Logger.Level = .info

    /// Creates a handler for `label`; the level comes from `LOG_LEVEL` when set.
    public init(label: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.label = label
        if let raw = environment["LOG_LEVEL"], let level = Logger.Level(rawValue: raw.lowercased()) {
            logLevel = level
        }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata.merging(event.metadata ?? [:]) { $1 }
        if let error = event.error { fields["error"] = "\(error)" }
        let line = Self.format(level: event.level, label: label, message: event.message.description,
                               metadata: fields, date: Date())
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Renders one log line as a JSON object with sorted metadata keys.
    public static func format(level: Logger.Level, label: String, message: String,
                              metadata: Logger.Metadata, date: Date) -> String {
        var object: [String: Any] = [
            "ts": ISO8601DateFormatter.lce.string(from: date),
            "level": level.rawValue,
            "service": label,
            "msg": message,
        ]
        for (key, value) in metadata { object[key] = render(value) }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
              let text = String(data: data, encoding: .utf8) else {
            return "{\"level\":\"\(level.rawValue)\",\"msg\":\"unencodable log line\"}"
        }
        return text
    }

    private static func render(_ value: Logger.MetadataValue) -> Any {
        switch value {
        case .string(let s): return s
        case .stringConvertible(let c): return c.description
        case .array(let a): return a.map(render)
        case .dictionary(let d): return d.mapValues(render)
        }
    }

    /// Installs this handler for every logger in the process, once, at start.
    public static func bootstrap(service: String) {
        LoggingSystem.bootstrap { label in
            var handler = StructuredLogHandler(label: label)
            handler.metadata["pid"] = "\(ProcessInfo.processInfo.processIdentifier)"
            _ = service
            return handler
        }
    }
}

extension ISO8601DateFormatter {
    /// UTC timestamps with milliseconds, the format every lce message and log line uses.
    public static var lce: ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f
    }
}
