import Foundation
import Messaging
import MetricsStore
import Testing

/// Faults of the shared services under running processes: PostgreSQL stopped, RabbitMQ restarted.
/// They stop services other tests use, so they run only with LCE_BROKER_RESTART_TESTS=1, which
/// Deploy/local/test.sh sets for a first run of these alone.
@Suite("End to end: services outlive a database stop and a broker restart", .serialized,
       .enabled(if: EndToEndEnvironment.restartTestsEnabled, EndToEndEnvironment.restartSkipReason))
struct EndToEndRestartTests {
    @Test func eventsPublishedWhilePostgresIsStoppedAreStoredExactlyOnce() async throws {
        let stack = try ServiceStack(runID: EndToEndEnvironment.runID("pgstop"))
        let publisher = Publisher(url: try AMQPURL(parsing: EndToEndEnvironment.amqpURL ?? ""), name: "e2e-events")
        do {
            try await stack.startMetrics()
            let worker = stack.workerID("events")
            let total = 2000
            // Events flow for about 20 s; the database is away from about 3 s to 13 s.
            let outage = Task { () -> (Int32, Int32) in
                try await Task.sleep(for: .seconds(3))
                let stopped = try await LocalServiceScript.run("postgres.sh", "stop")
                try await Task.sleep(for: .seconds(10))
                let started = try await LocalServiceScript.run("postgres.sh", "start")
                return (stopped, started)
            }
            for i in 0..<total {
                let event = InferenceMeasurement(requestId: UUID(), variant: "base", worker: worker, promptTokens: 5,
                                                 completionTokens: 4, totalMs: Double(i % 50), outcome: "ok")
                try await publisher.publish(event, exchange: Topology.Exchange.metrics, routingKey: Topology.RoutingKey.inferenceMetric)
                try await Task.sleep(for: .milliseconds(10))
            }
            let (stopped, started) = try await outage.value
            #expect(stopped == 0 && started == 0, "postgres.sh stop/start exit statuses \(stopped)/\(started)")

            let database = try await MetricsDatabase.connect()
            let stored = try await database.waitFor(total, timeout: .seconds(90)) {
                try await database.inferenceRows(workerPrefix: worker).rows
            }
            #expect(stored == total)
            // Nothing arrives twice later either.
            try await Task.sleep(for: .seconds(2))
            let (rows, distinct) = try await database.inferenceRows(workerPrefix: worker)
            #expect(rows == total && distinct == total)
            await database.close()
        } catch {
            Issue.record("\(error)")
        }
        await publisher.close()
        await stack.stop()
    }

    @Test func routerWorkerAndMetricsServeAgainAfterABrokerRestart() async throws {
        let stack = try ServiceStack(runID: EndToEndEnvironment.runID("mqrestart"))
        do {
            try await stack.startMetrics()
            let worker = try await stack.startWorker("w", prefetch: 4)
            let router = try await stack.startRouter()
            let runID = stack.runID
            var served = 0
            for i in 0..<5 {
                let answer = try await HTTPClient.generate(port: stack.routerPort, ["prompt": "\(runID) before \(i)", "max_tokens": 4])
                #expect(answer.status == 200, "\(answer.text)")
                if answer.status == 200 { served += 1 }
            }

            #expect(try await LocalServiceScript.run("rabbitmq.sh", "stop") == 0)
            #expect(try await LocalServiceScript.run("rabbitmq.sh", "start") == 0)

            // The first answer after the restart, within a bound, then steady service.
            var recovered = false
            let deadline = ContinuousClock.now + .seconds(90)
            var attempt = 0
            while ContinuousClock.now < deadline {
                let answer = try? await HTTPClient.generate(port: stack.routerPort, ["prompt": "\(runID) probe \(attempt)", "max_tokens": 4],
                                                            timeout: .seconds(70))
                attempt += 1
                if answer?.status == 200 { recovered = true; served += 1; break }
                try await Task.sleep(for: .milliseconds(500))
            }
            #expect(recovered, "no answer within 90 s of the broker's restart")
            for i in 0..<20 {
                let answer = try await HTTPClient.generate(port: stack.routerPort, ["prompt": "\(runID) after \(i)", "max_tokens": 4])
                #expect(answer.status == 200, "\(answer.text)")
                if answer.status == 200 { served += 1 }
            }
            #expect(worker.isRunning && router.isRunning, "the services were not restarted")

            // The metrics service reconnected too: every served request reaches the database.
            let database = try await MetricsDatabase.connect()
            let stored = try await database.waitFor(served, timeout: .seconds(60)) {
                try await database.inferenceRows(workerPrefix: runID).rows
            }
            #expect(stored == served)
            await database.close()
        } catch {
            Issue.record("\(error)")
        }
        await stack.stop()
    }
}
