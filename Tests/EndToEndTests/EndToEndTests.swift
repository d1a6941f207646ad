import Foundation
import Messaging
import MetricsStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The services started as processes, driven over HTTP and AMQP as a user would, checked in PostgreSQL.
/// Serialized: every test here starts workers on the shared inference.merged queue, and workers of two tests
/// running at once would take each other's requests.
@Suite("End to end: router, workers and metrics as processes", .serialized,
       .enabled(if: EndToEndEnvironment.isReady, EndToEndEnvironment.skipReason))
struct EndToEndTests {
    /// The prototype's keys plus what lce adds.
    static let answerKeys: Set<String> = ["model", "output", "completion", "route_reason", "prompt_tokens",
                                          "completion_tokens", "latency_ms"]

    @Test func thousandRequestsThroughTwoWorkersAreAnsweredAndStoredOnce() async throws {
        let stack = try ServiceStack(runID: EndToEndEnvironment.runID("load"))
        let database = try await MetricsDatabase.connect()
        do {
            try await stack.startMetrics()
            try await stack.startWorker("a", prefetch: 8)
            try await stack.startWorker("b", prefetch: 8)
            try await stack.startRouter()
            let runID = stack.runID
            let total = 1000
            let answers = await GenerateLoad.run(port: stack.routerPort, count: total, concurrency: 16) { i in
                ["prompt": "\(runID) request \(i): def add(a, b):", "max_tokens": 4]
            }
            var ok = 0
            for (i, answer) in answers.enumerated() {
                guard case .success(let response) = answer, response.status == 200, let json = response.json else {
                    Issue.record("request \(i): \(answer)")
                    continue
                }
                let prompt = "\(runID) request \(i): def add(a, b):"
                if Set(json.keys) == Self.answerKeys, json["model"] as? String == EndToEndEnvironment.variant,
                   (json["output"] as? String)?.hasPrefix(prompt) == true, json["completion_tokens"] as? Int == 4 {
                    ok += 1
                } else {
                    Issue.record("request \(i): unexpected answer \(response.text)")
                }
            }
            #expect(ok == total)

            let stored = try await database.waitFor(total, timeout: .seconds(60)) {
                try await database.inferenceRows(workerPrefix: runID).rows
            }
            let (rows, distinct) = try await database.inferenceRows(workerPrefix: runID)
            #expect(stored == total)
            #expect(rows == total && distinct == total)
            let decisions = try await database.waitFor(total, timeout: .seconds(30)) {
                try await database.routingRows(workerPrefix: runID)
            }
            #expect(decisions == total)
            // Both workers of the pool took part.
            let perWorker = try await database.connection.query(
                "SELECT worker_id, count(*) AS n FROM inference_requests WHERE worker_id LIKE $1 GROUP BY worker_id", [runID + "%"])
            #expect(perWorker.count == 2)
        } catch {
            Issue.record("\(error)")
        }
        await stack.stop()
        await database.close()
    }

    @Test func requestsHeldByAKilledWorkerAreAnsweredByTheOtherOnce() async throws {
        let stack = try ServiceStack(runID: EndToEndEnvironment.runID("kill"))
        let database = try await MetricsDatabase.connect()
        let connection = try await AMQPConnection.connect(to: try AMQPURL(parsing: EndToEndEnvironment.amqpURL ?? ""), name: "e2e-probe")
        do {
            try await stack.startMetrics()
            let doomed = try await stack.startWorker("doomed", prefetch: 8)
            try await stack.startRouter()
            let channel = try await connection.openChannel()
            let queue = Topology.Queue.inference(EndToEndEnvironment.variant)
            let readyBefore = try await channel.declareQueue(queue, passive: true).messageCount

            // Frozen, the worker still takes deliveries up to its prefetch and holds them unacknowledged.
            doomed.send(SIGSTOP)
            let runID = stack.runID
            let total = 12
            let port = stack.routerPort
            let load = Task { await GenerateLoad.run(port: port, count: total, concurrency: total) { i in
                ["prompt": "\(runID) held \(i)", "max_tokens": 64]
            } }
            // 12 published, 8 held by the frozen worker, 4 waiting in the queue.
            var ready = -1
            let deadline = ContinuousClock.now + .seconds(15)
            while ContinuousClock.now < deadline {
                ready = try await channel.declareQueue(queue, passive: true).messageCount - readyBefore
                if ready == total - 8 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(ready == total - 8, "the frozen worker should hold 8 requests and leave 4 in the queue")

            await doomed.killNow()
            try await stack.startWorker("survivor", prefetch: 8)
            let answers = await load.value
            let answered = answers.filter { if case .success(let r) = $0 { return r.status == 200 }; return false }.count
            #expect(answered == total, "answers: \(answers.map { (try? $0.get())?.status ?? -1 })")

            let stored = try await database.waitFor(total, timeout: .seconds(30)) {
                try await database.inferenceRows(workerPrefix: runID).rows
            }
            #expect(stored == total)
            let survivorRows = try await database.count("SELECT count(*) FROM inference_requests WHERE worker_id = $1",
                                                        [stack.workerID("survivor")])
            #expect(survivorRows == total, "every request, the 8 redelivered ones too, was served by the survivor")
            let decisions = try await database.routingRows(workerPrefix: runID)
            #expect(decisions == total)
            await channel.close()
        } catch {
            Issue.record("\(error)")
        }
        await connection.close()
        await stack.stop()
        await database.close()
    }

    // It starts a worker, so it runs in this serialized suite: a worker running beside the others would take their requests.
    @Test func requestsBeyondTheInFlightBoundAreAnswered503() async throws {
        let stack = try ServiceStack(runID: EndToEndEnvironment.runID("busy"))
        do {
            let worker = try await stack.startWorker("frozen", prefetch: 1)
            try await stack.startRouter(["--max-in-flight", "1"])
            // A frozen worker keeps the first request in flight for as long as the test wants.
            worker.send(SIGSTOP)
            let port = stack.routerPort
            let first = Task { try await HTTPClient.generate(port: port, ["prompt": "\(stack.runID) slow", "max_tokens": 4],
                                                             timeout: .seconds(60)) }
            try await Task.sleep(for: .milliseconds(500))
            let second = try await HTTPClient.generate(port: port, ["prompt": "\(stack.runID) turned away", "max_tokens": 4])
            #expect(second.status == 503)
            #expect((second.json?["error"] as? String)?.contains("limit of 1 requests in flight") == true, "\(second.text)")
            worker.send(SIGCONT)
            let firstAnswer = try await first.value
            #expect(firstAnswer.status == 200, "\(firstAnswer.text)")
        } catch {
            Issue.record("\(error)")
        }
        await stack.stop()
    }

    @Test func everyServiceReportsInServiceStatusAndAStoppedWorkerSaysDraining() async throws {
        let stack = try ServiceStack(runID: EndToEndEnvironment.runID("heartbeat"))
        let database = try await MetricsDatabase.connect()
        do {
            let beat = ["--heartbeat-seconds", "0.3"]
            let metrics = try await stack.startMetrics(beat)
            let worker = try await stack.startWorker("beating", beat)
            let router = try await stack.startRouter(beat)
            let runID = stack.runID
            let answers = await GenerateLoad.run(port: stack.routerPort, count: 3, concurrency: 1) { i in
                ["prompt": "\(runID) heartbeat \(i)", "max_tokens": 2]
            }
            #expect(answers.allSatisfy { if case .success(let r) = $0 { return r.status == 200 }; return false })

            // The worker's heartbeats come to count the 3 requests it served; router and metrics report under host-pid.
            let workerID = stack.workerID("beating")
            let processed = try await database.waitFor(3, timeout: .seconds(20)) {
                try await database.count("""
                    SELECT coalesce(max((details->>'processed')::int), 0) FROM service_heartbeats
                    WHERE service = 'worker' AND instance = $1 AND variant = $2
                    """, [workerID, EndToEndEnvironment.variant])
            }
            #expect(processed == 3)
            let host = ProcessInfo.processInfo.hostName
            for (service, process) in [("router", router), ("metrics", metrics)] {
                let instance = "\(host)-\(process.pid)"
                let beats = try await database.waitFor(2, timeout: .seconds(20)) {
                    try await database.count("SELECT count(*) FROM service_heartbeats WHERE service = $1 AND instance = $2",
                                             [service, instance])
                }
                #expect(beats >= 2, "\(service) \(instance) sent \(beats) heartbeats")
            }
            let routerProcessed = try await database.waitFor(3, timeout: .seconds(20)) {
                try await database.count("""
                    SELECT coalesce(max((details->>'processed')::int), 0) FROM service_heartbeats
                    WHERE service = 'router' AND instance = $1
                    """, ["\(host)-\(router.pid)"])
            }
            #expect(routerProcessed == 3)

            // Stopped gracefully, the worker's last word in service_status is "draining".
            await worker.stop()
            let draining = try await database.waitFor(1, timeout: .seconds(20)) {
                try await database.count("""
                    SELECT count(*) FROM service_status WHERE service = 'worker' AND instance = $1 AND status = 'draining'
                    """, [workerID])
            }
            #expect(draining == 1, "the stopped worker's latest heartbeat should say draining")
        } catch {
            Issue.record("\(error)")
        }
        await stack.stop()
        await database.close()
    }
}
