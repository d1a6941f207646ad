import Foundation
import Messaging
import MetricsStore

/// The floor the services are compared against: the broker and the database used directly
/// through the same Messaging and MetricsStore APIs the services use.
enum RawMeasurements {
    /// Round trips of an `RPCClient` call to an echo consumer on a private queue, one at a time: back to back, or
    /// one every `interval` (the open loop's spacing, at which every thread on the path has gone idle in between).
    static func brokerRoundTrip(url: AMQPURL, calls: Int, interval: Duration = .zero) async throws -> Percentiles {
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
        let warmUp = interval == .zero ? 200 : 20
        for i in 0..<(calls + warmUp) {
            let started = ContinuousClock.now
            _ = try await client.call(body, exchange: "", routingKey: queue.name,
                                      properties: MessageProperties(persistent: false), timeout: .seconds(5))
            let elapsed = started.duration(to: .now)
            if i >= warmUp { samples.append(elapsed.benchmarkMilliseconds) }
            if interval > .zero { try await Task.sleep(until: started + interval) }
        }
        echo.cancel()
        await client.close()
        await responder.close()
        return Percentiles(samples)
    }

    /// CPU time, in milliseconds, of the JSON one routed request costs on the bus: the router encodes the
    /// generate request, the worker decodes it and encodes the reply, the router decodes the reply.
    static func contractJSONCost(iterations: Int) throws -> Double {
        let request = GenerateRequest(prompt: "bench json 123 def f(x):", maxTokens: 1, variant: "merged",
                                      deadline: Date().addingTimeInterval(60))
        let reply = GenerateReply(id: request.id, model: "merged", output: request.prompt + " return", completion: " return",
                                  promptTokens: 9, completionTokens: 1, timings: GenerateTimings(generationMs: 0.1, totalMs: 0.1),
                                  worker: "bench-w0")
        let started = ContinuousClock.now
        for _ in 0..<iterations {
            let requestBody = try ContractCoder.encode(request)
            _ = try ContractCoder.decode(GenerateRequest.self, from: requestBody)
            let replyBody = try ContractCoder.encode(reply)
            _ = try ContractCoder.decode(GenerateReply.self, from: replyBody)
        }
        return started.duration(to: .now).benchmarkMilliseconds / Double(iterations)
    }

    /// Round trips of generate requests to a `Consumer` (manual acks, prefetch 16) that decodes each request and
    /// replies at once with `sendReply`, no model: the worker's path without the engine.
    static func consumerRoundTrip(url: AMQPURL, runID: String, calls: Int) async throws -> Percentiles {
        let queue = "bench.consumer.\(runID)"
        let admin = try await AMQPConnection.connect(to: url, name: "bench-consumer-queue")
        let channel = try await admin.openChannel()
        try await channel.declareQueue(queue, durable: false, autoDelete: false, arguments: Topology().inferenceQueueArguments)
        let consumer = Consumer(url: url, configuration: ConsumerConfiguration(queue: queue, prefetch: 16, name: "bench-consumer"),
                                setup: { _ in }, decoding: GenerateRequest.self) { request, message in
            let reply = GenerateReply(id: request.id, model: "merged", output: request.prompt, completion: "",
                                      promptTokens: 1, completionTokens: 1, worker: "bench-consumer")
            try message.sendReply(reply, appID: "bench-consumer")
            return .ack
        }
        let running = Task { try await consumer.run() }
        while !consumer.isConsuming { try await Task.sleep(for: .milliseconds(20)) }
        let client = RPCClient(url: url, name: "bench-consumer-rpc")
        var samples: [Double] = []
        for i in 0..<(calls + 50) {
            let request = GenerateRequest(prompt: "\(runID) consumer \(i)", maxTokens: 1, deadline: Date().addingTimeInterval(10))
            let started = ContinuousClock.now
            _ = try await client.call(request, exchange: "", routingKey: queue, expecting: GenerateReply.self, deadline: request.deadline)
            if i >= 50 { samples.append(started.duration(to: .now).benchmarkMilliseconds) }
        }
        consumer.shutdown()
        _ = try? await running.value
        await client.close()
        _ = try? await channel.deleteQueue(queue)
        await admin.close()
        return Percentiles(samples)
    }

    /// Round trips of a one-token generate request sent straight to the workers' queue (no router, no HTTP),
    /// one at a time, with the worker's reported generation time: what the workers add beyond the broker.
    static func workerRoundTrip(url: AMQPURL, variant: String, runID: String, calls: Int) async throws -> (roundTrip: Percentiles, generation: Percentiles) {
        let client = RPCClient(url: url, name: "bench-worker-rpc")
        var roundTrips: [Double] = []
        var generation: [Double] = []
        for i in 0..<(calls + 50) {
            let request = GenerateRequest(prompt: "\(runID) direct \(i) def f(x):", maxTokens: 1, variant: variant,
                                          deadline: Date().addingTimeInterval(10))
            let started = ContinuousClock.now
            let reply = try await client.call(request, exchange: Topology.Exchange.inference, routingKey: variant,
                                              expecting: GenerateReply.self, deadline: request.deadline)
            let elapsed = started.duration(to: .now).benchmarkMilliseconds
            if i >= 50 {
                roundTrips.append(elapsed)
                generation.append(reply.timings.generationMs)
            }
        }
        await client.close()
        return (Percentiles(roundTrips), Percentiles(generation))
    }

    /// Latency of one persistent publish with a publisher confirm into a quorum queue (the kind `metrics.events` is),
    /// one at a time: the broker confirms only after its Raft log reached the disk, so this is what a service waits
    /// for when it holds work until a measurement is confirmed.
    static func confirmedPublish(url: AMQPURL, runID: String, count: Int) async throws -> Percentiles {
        let connection = try await AMQPConnection.connect(to: url, name: "bench-confirm")
        let channel = try await connection.openChannel()
        let queue = "bench.confirm.\(runID)"
        try await channel.declareQueue(queue, durable: true, arguments: ["x-queue-type": "quorum"])
        try await channel.enableConfirms()
        let body = Data(repeating: UInt8(ascii: "x"), count: 400)
        var samples: [Double] = []
        for i in 0..<(count + 50) {
            let started = ContinuousClock.now
            try await channel.publish(body, exchange: "", routingKey: queue, properties: MessageProperties(persistent: true))
            if i >= 50 { samples.append(started.duration(to: .now).benchmarkMilliseconds) }
        }
        try await channel.deleteQueue(queue)
        await connection.close()
        return Percentiles(samples)
    }

    /// Events per second `MetricsStore.ingest` commits in batches of `batch` with the service role, one batch
    /// after another on one connection: the ceiling of lce-metrics' database side, without the broker.
    static func storeIngestRate(databaseURL: String, runID: String, events: Int, batch: Int) async throws -> Double {
        let store = try await MetricsStore.connect(databaseURL)
        let worker = "\(runID)-store"
        let records = (0..<events).map { i in
            MetricsEvent.inferenceRequest(InferenceRequestRecord(
                eventID: UUID(), requestID: UUID().uuidString.lowercased(), variant: "base", workerID: worker, promptTokens: 12,
                completionTokens: 4, queueWaitMilliseconds: 0, ttftMilliseconds: 1, generationMilliseconds: 1.5,
                latencyMilliseconds: 1.5, status: .ok, error: nil, completedAt: Date(timeIntervalSince1970: 1_800_000_000 + Double(i))))
        }
        let started = ContinuousClock.now
        for start in stride(from: 0, to: records.count, by: batch) {
            try await store.ingest(Array(records[start..<min(start + batch, records.count)]))
        }
        let seconds = started.duration(to: .now).benchmarkMilliseconds / 1000
        await store.close()
        return Double(events) / seconds
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
