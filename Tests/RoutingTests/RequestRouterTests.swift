import Foundation
import Testing
import Routing

/// A pool stand-in that answers from a table and remembers what it was sent.
final class RecordingDispatcher: InferenceDispatcher, @unchecked Sendable {
    let live: Set<String>
    let failure: RouterError?
    private let lock = NSLock()
    private var _jobs: [DispatchJob] = []
    var jobs: [DispatchJob] { lock.withLock { _jobs } }

    init(live: Set<String>, failure: RouterError? = nil) {
        self.live = live
        self.failure = failure
    }

    func liveVariants(among candidates: Set<String>) async -> Set<String> { live.intersection(candidates) }

    func dispatch(_ job: DispatchJob) async throws -> DispatchResult {
        lock.withLock { _jobs.append(job) }
        if let failure { throw failure }
        return DispatchResult(completion: "    return s[::-1]\n", promptTokens: 9, completionTokens: 7, generationMs: 12)
    }
}

final class DecisionLog: @unchecked Sendable {
    private let lock = NSLock()
    private var _records: [RoutingRecord] = []
    var records: [RoutingRecord] { lock.withLock { _records } }
    func append(_ r: RoutingRecord) { lock.withLock { _records.append(r) } }
}

@Suite struct RequestRouterTests {
    func makeRouter(_ dispatcher: RecordingDispatcher, log: DecisionLog, context: Int = 2048) -> RequestRouter {
        var settings = RouterSettings()
        settings.contextTokens = context
        // One token per whitespace-separated word: enough to drive the thresholds.
        return RequestRouter(policy: RoutingPolicy(), settings: settings,
                             countTokens: { $0.split(separator: " ").count },
                             dispatcher: dispatcher, record: { log.append($0) })
    }

    @Test func answersWithThePrototypesKeysAndOutputIsPromptPlusCompletion() async throws {
        let dispatcher = RecordingDispatcher(live: ["base", "lora.default"])
        let log = DecisionLog()
        let answer = try await makeRouter(dispatcher, log: log).handle(GenerateCall(prompt: "def reverse(s):\n"))
        #expect(answer.model == "lora.default")
        #expect(answer.output == "def reverse(s):\n    return s[::-1]\n")
        #expect(answer.completion == "    return s[::-1]\n")
        #expect(answer.completionTokens == 7)
        #expect(dispatcher.jobs.first?.maxTokens == 128)
        #expect(dispatcher.jobs.first?.temperature == 0)
    }

    @Test func everyDecisionIsRecordedWithItsReason() async throws {
        let dispatcher = RecordingDispatcher(live: ["base"])
        let log = DecisionLog()
        _ = try await makeRouter(dispatcher, log: log).handle(GenerateCall(prompt: "hello there"))
        let record = try #require(log.records.first)
        #expect(record.variant == "base")
        #expect(record.wanted == "lora.default")
        #expect(record.isFallback)
        #expect(record.outcome == "ok")
        #expect(record.generationMs == 12)
    }

    @Test func unknownVariantIs404AndNothingIsDispatched() async {
        let dispatcher = RecordingDispatcher(live: ["base"])
        let log = DecisionLog()
        await #expect(throws: RouterError.unknownVariant("unknown variant 'q3': use base, merged, q8, q4, lora.<adapter> or qlora.<adapter>")) {
            try await makeRouter(dispatcher, log: log).handle(GenerateCall(prompt: "x", variant: "q3"))
        }
        #expect(dispatcher.jobs.isEmpty)
        #expect(log.records.first?.outcome == "404")
    }

    @Test func promptOverTheContextIs422() async {
        let dispatcher = RecordingDispatcher(live: ["base"])
        let log = DecisionLog()
        let prompt = Array(repeating: "w", count: 100).joined(separator: " ")
        do {
            _ = try await makeRouter(dispatcher, log: log, context: 64).handle(GenerateCall(prompt: prompt, maxTokens: 8))
            Issue.record("a prompt over the context was accepted")
        } catch let error as RouterError {
            #expect(error.httpStatus == 422)
            #expect(error.description.contains("100 tokens"))
            #expect(error.description.contains("context of 64 tokens"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func outOfRangeSettingsAre422() async {
        let dispatcher = RecordingDispatcher(live: ["base"])
        let router = makeRouter(dispatcher, log: DecisionLog())
        for call in [GenerateCall(prompt: "x", maxTokens: 0), GenerateCall(prompt: "x", temperature: -1),
                     GenerateCall(prompt: "x", temperature: .nan), GenerateCall(prompt: "")] {
            await #expect(throws: RouterError.self) { try await router.handle(call) }
        }
        #expect(dispatcher.jobs.isEmpty)
    }

    @Test func noLiveWorkerIs503() async {
        let router = makeRouter(RecordingDispatcher(live: []), log: DecisionLog())
        do {
            _ = try await router.handle(GenerateCall(prompt: "x"))
            Issue.record("answered without workers")
        } catch let error as RouterError {
            #expect(error.httpStatus == 503)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func workerTimeoutIsPassedThroughAndRecorded() async {
        let log = DecisionLog()
        let router = makeRouter(RecordingDispatcher(live: ["base"], failure: .timedOut("deadline passed")), log: log)
        await #expect(throws: RouterError.timedOut("deadline passed")) { try await router.handle(GenerateCall(prompt: "x y")) }
        #expect(log.records.first?.outcome == "504")
    }

    @Test func decodesThePrototypesBodyAndEncodesSnakeCase() throws {
        let call = try JSONDecoder().decode(GenerateCall.self, from: Data(#"{"prompt":"p","max_tokens":5}"#.utf8))
        #expect(call == GenerateCall(prompt: "p", maxTokens: 5))
        let answer = GenerateAnswer(model: "base", output: "po", completion: "o", routeReason: "r",
                                    promptTokens: 1, completionTokens: 1, latencyMs: 2)
        let json = String(decoding: try JSONEncoder().encode(answer), as: UTF8.self)
        #expect(json.contains("\"route_reason\":\"r\""))
        #expect(json.contains("\"latency_ms\":2"))
    }
}
