import Foundation
import Messaging
import Testing

/// The broker the integration tests use: `AMQP_URL`, as `Deploy/local/rabbitmq.sh env` prints it.
enum BrokerEnvironment {
    static let urlText = ProcessInfo.processInfo.environment["AMQP_URL"]

    /// Whether a broker is configured; the integration tests skip otherwise.
    static var isConfigured: Bool { urlText?.isEmpty == false }

    static let skipReason: Comment = "AMQP_URL unset: run Deploy/local/rabbitmq.sh start and export $(Deploy/local/rabbitmq.sh env)"

    static func url() throws -> AMQPURL { try AMQPURL.fromEnvironment() }

    /// A queue name no other test or run uses.
    static func uniqueName(_ prefix: String) -> String { "test.\(prefix).\(UUID().uuidString.prefix(8).lowercased())" }
}
