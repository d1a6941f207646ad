import Foundation
import Testing
@testable import Messaging

/// When a message was published, to the millisecond: AMQP's timestamp alone has whole seconds.
struct MessagePropertiesTests {
    @Test func stampedPropertiesCarryMillisecondsInAHeader() {
        let date = Date(timeIntervalSince1970: 1_790_000_000.123)
        let properties = MessageProperties(messageID: "m").stamped(date)
        #expect(properties.timestamp == date)
        #expect(properties.headers[MessageProperties.publishedAtHeader] == .int(1_790_000_000_123))
        #expect(abs((properties.publishedAt ?? .distantPast).timeIntervalSince(date)) < 1e-6)
        #expect(properties.messageID == "m")
    }

    @Test func withoutTheHeaderThePublishTimeIsTheTimestamp() {
        let date = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(MessageProperties(timestamp: date).publishedAt == date)
        #expect(MessageProperties().publishedAt == nil)
    }
}
