import Foundation
import Testing
@testable import MetricsStore

extension MetricsStoreIntegrationTests {
    @Test func copyInStoresDelimitersAndNullsAsData() async throws {
        let owner = try await PostgresConnection.connect(TestDatabase.adminURL ?? "")
        let rows: [[(any PostgresEncodable)?]] = [
            [1, "tab\there", "line\nbreak\r\\"],
            [2, nil, "\\N is text here"],
        ]
        let read = try await owner.transaction { session -> PostgresRows in
            try session.executeScript("CREATE TEMP TABLE copy_probe (n integer, a text, b text) ON COMMIT DROP")
            let copied = try session.copyIn("COPY copy_probe (n, a, b) FROM STDIN", rows: rows)
            #expect(copied == 2)
            return try session.query("SELECT n, a, b FROM copy_probe ORDER BY n")
        }
        await owner.close()
        #expect(try read[0].decode("a", as: String.self) == "tab\there")
        #expect(try read[0].decode("b", as: String.self) == "line\nbreak\r\\")
        #expect(try read[1].decodeIfPresent("a", as: String.self) == nil)
        #expect(try read[1].decode("b", as: String.self) == "\\N is text here")
    }
}
