import Foundation
import Logging
import Testing
@testable import ServiceKit

@Suite struct StructuredLogHandlerTests {
    @Test func writesOneJSONObjectWithServiceLevelAndMetadata() throws {
        let line = StructuredLogHandler.format(level: .warning, label: "router", message: "no worker for lora.a",
                                               metadata: ["variant": "lora.a"], date: Date(timeIntervalSince1970: 0))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["service"] as? String == "router")
        #expect(object["level"] as? String == "warning")
        #expect(object["variant"] as? String == "lora.a")
        #expect(object["ts"] as? String == "1970-01-01T00:00:00.000Z")
    }
}
