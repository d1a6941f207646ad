import Testing
@testable import ServiceKit

@Suite struct ServiceEnvironmentTests {
    @Test func flagsWinOverEnvironment() {
        let env = ServiceEnvironment(amqpURL: "amqp://flag", environment: ["AMQP_URL": "amqp://env", "HOME": "/h"])
        #expect(env.amqpURL == "amqp://flag")
        #expect(env.lceHome == "/h/.lce")
    }

    @Test func environmentFillsWhatFlagsLeaveOut() {
        let env = ServiceEnvironment(environment: ["DATABASE_URL": "postgresql://x", "LCE_HOME": "/models"])
        #expect(env.databaseURL == "postgresql://x")
        #expect(env.lceHome == "/models")
        #expect(env.amqpURL == nil)
    }

    @Test func missingBrokerURLNamesTheVariableAndTheFix() {
        let env = ServiceEnvironment(environment: [:])
        #expect(throws: ConfigurationError.self) { try env.requireAMQPURL() }
        do { _ = try env.requireAMQPURL() } catch {
            #expect("\(error)".contains("AMQP_URL is not set"))
            #expect("\(error)".contains("services.sh"))
        }
    }
}

@Suite struct ServiceOptionsTests {
    @Test func parsesCommonFlags() throws {
        let options = try ServiceOptions.parse(["--amqp-url", "amqp://u:p@h:1/", "--prefetch", "8", "--health-port", "9000"])
        #expect(options.environment.amqpURL == "amqp://u:p@h:1/")
        #expect(options.prefetch == 8)
        #expect(options.healthPort == 9000)
    }

    @Test func rejectsAZeroPrefetchWithAMessage() {
        do {
            _ = try ServiceOptions.parse(["--prefetch", "0"])
            Issue.record("--prefetch 0 was accepted")
        } catch {
            #expect(ServiceOptions.message(for: error).contains("--prefetch must be between 1 and 10000"))
        }
    }
}
