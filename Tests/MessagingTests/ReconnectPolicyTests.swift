import Messaging
import Testing

struct ReconnectPolicyTests {
    @Test func delayGrowsExponentiallyWithinJitter() {
        let policy = ReconnectPolicy(initialDelay: .milliseconds(100), maximumDelay: .seconds(60), multiplier: 2)
        let third = policy.delay(attempt: 3)
        #expect(third >= .milliseconds(400) && third <= .milliseconds(800))
    }

    @Test func delayNeverExceedsTheMaximum() {
        let policy = ReconnectPolicy(initialDelay: .milliseconds(100), maximumDelay: .seconds(2), multiplier: 2)
        #expect(policy.delay(attempt: 50) <= .seconds(2))
    }
}
