import Foundation
import Messaging
import MetricsStore

/// The floor the services are compared against: the broker and the database used directly
/// through the same Messaging and MetricsStore APIs the services use.
enum RawMeasurements {
    /// Round trips of an `RPCClient` call to an echo consumer on a private queue, one at a time.
    static func brokerRoundTrip(url: AMQPURL, calls: Int) async throws -> Percentiles {
        let responder = try await AMQPConnection.connect(to: url, name: "bench-echo")
        let channel = try await responder.openChannel()
        let queue = try await channel.declareQueue("", durable: false, exclusive: true, autoDelete: true)
        let (_, deliveries) = try await channel.consume(queue: queue.name, noAck: true)
        let echo = Task {
            for try await message in deliveries {
                guard let replyTo = message.properties.replyTo else { continue }
                let properties = MessageProperties(persistent: false, correlationID: message.properties.correlationID)
                try await channel.publish(message.body, exchange: "", routingKey: replyTo, properties: properties)
            }
        }
        let client = RPCClient(url: url, name: "bench-rpc")
        let body = Data("{\"schema\":\"bench\",\"prompt\":\"def f(x): return x\"}".utf8)
        var samples: [Double] = []
        for i in 0..<(calls + 200) {
            let started = ContinuousClock.now
            _ = try await client.call(body, exchange: "", routingKey: queue.name,
                                      properties: MessageProperties(persistent: false), timeout: .seconds(5))
            let elapsed = started.duration(to: .now)
            if i >= 200 { samples.append(elapsed.benchmarkMilliseconds) }
        }
        echo.cancel()
        await client.close()
        await responder.close()
        return Percentiles(samples)
    }

    /// Rows per second of one `COPY ... FROM STDIN` of inference_requests-shaped rows into a temp table.
    static func copyRate(databaseURL: String, rows: Int) async throws -> Double {
        let connection = try await PostgresConnection.connect(databaseURL)
        defer { Task { await connection.close() } }
        let now = Date()
        return try await connection.withSession { session in
            _ = try session.query("""
                CREATE TEMP TABLE bench_copy (event_id uuid, request_id text, variant text, worker_id text,
                    prompt_tokens integer, completion_tokens integer, latency_ms double precision, status text,
                    completed_at timestamptz)
                """)
            let data: [[(any PostgresEncodable)?]] = (0..<rows).map { i in
                [UUID(), "req-\(i)", "base", "bench", 12, 4, Double(i % 100) / 10, "ok", now]
            }
            let started = ContinuousClock.now
            let copied = try session.copyIn("COPY bench_copy FROM STDIN", rows: data)
            let seconds = started.duration(to: .now).benchmarkMilliseconds / 1000
            _ = try session.query("DROP TABLE bench_copy")
            return Double(copied) / seconds
        }
    }
}

extension Duration {
    /// The duration in milliseconds.
    var benchmarkMilliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) * 1e-15
    }
}
