import Messaging
import Testing

struct AMQPURLTests {
    @Test func parsesEveryPartOfAFullURL() throws {
        let url = try AMQPURL(parsing: "amqp://lce:s3cret@127.0.0.1:5673/")
        #expect(url.host == "127.0.0.1")
        #expect(url.port == 5673)
        #expect(url.user == "lce")
        #expect(url.password == "s3cret")
        #expect(url.virtualHost == "/")
    }

    @Test func defaultsToPort5672AndTheRootVirtualHost() throws {
        let url = try AMQPURL(parsing: "amqp://guest:guest@broker")
        #expect(url.port == 5672)
        #expect(url.virtualHost == "/")
        #expect(url.host == "broker")
    }

    @Test func decodesPercentEncodedVirtualHostAndPassword() throws {
        let url = try AMQPURL(parsing: "amqp://u:p%40ss%3Aword@h:1234/%2Fprod")
        #expect(url.password == "p@ss:word")
        #expect(url.virtualHost == "/prod")
    }

    @Test func readsNamedVirtualHost() throws {
        #expect(try AMQPURL(parsing: "amqp://u:p@h/lce").virtualHost == "lce")
    }

    @Test func readsHeartbeatAndConnectionTimeoutQueryParameters() throws {
        let url = try AMQPURL(parsing: "amqp://u:p@h/?heartbeat=10&connection_timeout=2500")
        #expect(url.heartbeatSeconds == 10)
        #expect(url.connectTimeoutMilliseconds == 2500)
    }

    @Test func readsBracketedIPv6Host() throws {
        let url = try AMQPURL(parsing: "amqp://u:p@[::1]:5673/")
        #expect(url.host == "::1")
        #expect(url.port == 5673)
    }

    @Test func rejectsAnotherScheme() {
        #expect(throws: AMQPURLError(url: "http://h/", problem: "scheme 'http' is not amqp")) { try AMQPURL(parsing: "http://h/") }
    }

    @Test func rejectsAmqpsWithAReason() throws {
        let error = #expect(throws: AMQPURLError.self) { try AMQPURL(parsing: "amqps://u:p@h/") }
        #expect(error?.problem.contains("amqps") == true)
    }

    @Test func rejectsAPortOutOfRange() throws {
        let error = #expect(throws: AMQPURLError.self) { try AMQPURL(parsing: "amqp://u:p@h:70000/") }
        #expect(error?.problem == "port '70000' is not a number from 1 to 65535")
    }

    @Test func rejectsTextWithoutAScheme() throws {
        let error = #expect(throws: AMQPURLError.self) { try AMQPURL(parsing: "localhost:5672") }
        #expect(error?.problem.hasPrefix("has no scheme") == true)
    }

    @Test func errorsNeverShowThePassword() throws {
        let error = #expect(throws: AMQPURLError.self) { try AMQPURL(parsing: "amqp://lce:topsecret@h:notaport/") }
        #expect(error?.description.contains("topsecret") == false)
        #expect(error?.description.contains("lce:***@h") == true)
    }

    @Test func descriptionHidesThePassword() throws {
        let url = try AMQPURL(parsing: "amqp://lce:topsecret@127.0.0.1:5673/")
        #expect(url.description == "amqp://lce:***@127.0.0.1:5673/")
    }

    @Test func descriptionWritesTheVirtualHostAsAURLPath() throws {
        // Unreserved characters stay as they are; a slash inside the name is escaped, so the text parses back.
        for text in ["amqp://lce:p@h:1/lce_test-1.a~b", "amqp://lce:p@h:1/%2Fprod%20x"] {
            let url = try AMQPURL(parsing: text)
            #expect(url.description == text.replacingOccurrences(of: ":p@", with: ":***@"))
            #expect(try AMQPURL(parsing: url.description).virtualHost == url.virtualHost)
        }
    }

    @Test func missingEnvironmentVariableNamesIt() throws {
        let error = #expect(throws: AMQPURLError.self) { try AMQPURL.fromEnvironment([:]) }
        #expect(error?.problem.hasPrefix("AMQP_URL is not set") == true)
    }
}
