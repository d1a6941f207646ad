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
