import Foundation
import MetricsStore

/// Requests through the running router: an open loop at a fixed rate for latency, a closed loop for throughput.
enum ServingMeasurements {
    /// What the open loop saw.
    struct OpenLoopResult {
        let roundTrip: Percentiles
        let routerReported: Percentiles
        let sent: Int
        let ok: Int
        let started: Date
        let finished: Date
    }

    /// Sends `rate` requests per second for `seconds`, each on its own thread at its scheduled time
    /// (so a slow answer never delays the next request), and records each HTTP round trip. With `connections`
    /// the requests go on kept-alive connections, else each on a fresh one.
    static func openLoop(port: Int, rate: Int, seconds: Int, runID: String,
                         connections: KeepAliveConnections? = nil) async throws -> OpenLoopResult {
        // Warm-up: connections, caches, the router's pool check.
        for i in 0..<50 { _ = request(port: port, prompt: "\(runID) warm \(i)", connections: connections) }
        let startedAt = Date()
        let samples = await schedule(rate: rate, total: rate * seconds) { i in
            request(port: port, prompt: "\(runID) open \(i) def f(x):", connections: connections)
        }
        let roundTrips = samples.answered
        return OpenLoopResult(roundTrip: Percentiles(roundTrips), routerReported: Percentiles(samples.routerReported),
                              sent: rate * seconds, ok: roundTrips.count, started: startedAt, finished: Date())
    }

    /// The floor of the HTTP part alone: `GET /health` on the router, sent by the same client in the same way
    /// (a thread per request at `rate` per second, on `connections` or fresh ones), which never reaches the broker.
    static func httpFloor(port: Int, rate: Int, count: Int, connections: KeepAliveConnections? = nil) async -> Percentiles {
        let samples = await schedule(rate: rate, total: count) { _ in
            BenchmarkHTTP.send(port: port, method: "GET", path: "/health", connections: connections).status == 200 ? 0 : nil
        }
        return Percentiles(samples.answered)
    }

    /// Runs `send(i)` for i in 0..<total at `rate` per second, each on its own thread, recording round trips.
    private static func schedule(rate: Int, total: Int, send: @escaping @Sendable (Int) -> Double?) async -> SampleCollector {
        let samples = SampleCollector()
        let group = DispatchGroup()
        let start = DispatchTime.now().uptimeNanoseconds
        let interval = UInt64(1_000_000_000 / max(rate, 1))
        for i in 0..<total {
            let due = start + UInt64(i) * interval
            let now = DispatchTime.now().uptimeNanoseconds
            if due > now { usleep(useconds_t((due - now) / 1000)) }
            group.enter()
            Thread {
                let begun = DispatchTime.now().uptimeNanoseconds
                let answer = send(i)
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - begun) / 1e6
                samples.record(roundTrip: elapsed, reported: answer)
                group.leave()
            }.start()
        }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { group.wait(); continuation.resume() }
        }
        return samples
    }

    /// The worker's own generation time of the requests served between `from` and `to`.
    static func generationTimes(store: PostgresConnection, workerPrefix: String, from: Date, to: Date) async throws -> Percentiles {
        let rows = try await store.query("""
            SELECT generation_ms FROM inference_requests
            WHERE worker_id LIKE $1 AND completed_at BETWEEN $2 AND $3 AND generation_ms IS NOT NULL
            """, [workerPrefix + "%", from, to.addingTimeInterval(1)])
        return Percentiles(try rows.map { try $0.decode("generation_ms", as: Double.self) })
    }

    /// `concurrency` clients each sending the next request when the last is answered, for `seconds`, each on a
    /// connection of its own that it keeps.
    static func closedLoop(port: Int, concurrency: Int, seconds: Int, runID: String) async -> (rate: Double, ok: Int, failed: Int) {
        let samples = SampleCollector()
        let end = Date().addingTimeInterval(Double(seconds))
        let started = Date()
        let group = DispatchGroup()
        for client in 0..<concurrency {
            group.enter()
            Thread {
                let connection = KeepAliveConnections(port: port)
                var i = 0
                while Date() < end {
                    let answer = request(port: port, prompt: "\(runID) closed \(client)-\(i)", connections: connection)
                    samples.record(roundTrip: 0, reported: answer)
                    i += 1
                }
                group.leave()
            }.start()
        }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { group.wait(); continuation.resume() }
        }
        let elapsed = Date().timeIntervalSince(started)
        let ok = samples.answered.count
        return (Double(ok) / elapsed, ok, samples.failed)
    }

    /// One generate request of one token; the router's reported latency_ms, or nil unless 200.
    static func request(port: Int, prompt: String, connections: KeepAliveConnections? = nil) -> Double? {
        let body = try? JSONSerialization.data(withJSONObject: ["prompt": prompt, "max_tokens": 1])
        let answer = BenchmarkHTTP.send(port: port, path: "/generate", body: body ?? Data(), connections: connections)
        guard answer.status == 200,
              let json = (try? JSONSerialization.jsonObject(with: answer.body)) as? [String: Any] else { return nil }
        return json["latency_ms"] as? Double ?? 0
    }
}
