import Foundation
import Messaging
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Bad input to a running router, with the error its user sees; the router keeps serving. Routers alone, no
/// workers, so these may run beside the other suites (the 503 test, which needs a worker, is in EndToEndTests).
@Suite("End to end: bad input to lce-router", .serialized,
       .enabled(if: EndToEndEnvironment.isReady, EndToEndEnvironment.skipReason))
struct BadInputTests {
    /// Starts a router alone (validation answers before any worker is asked), runs `body`, stops it.
    private func withRouter(_ extra: [String] = [], _ body: (ServiceStack) async throws -> Void) async throws {
        let stack = try ServiceStack(runID: EndToEndEnvironment.runID("bad"))
        do {
            try await stack.startRouter(extra)
            try await body(stack)
        } catch {
            Issue.record("\(error)")
        }
        await stack.stop()
    }

    private func post(_ stack: ServiceStack, _ body: String) async throws -> HTTPResponse {
        try await HTTPClient.send(port: stack.routerPort, path: "/generate", body: Data(body.utf8), timeout: .seconds(30))
    }

    @Test func malformedJSONIsAnswered400() async throws {
        try await withRouter { stack in
            let answer = try await post(stack, "{\"prompt\": \"def f(")
            #expect(answer.status == 400)
            #expect((answer.json?["error"] as? String)?.contains("not valid JSON") == true, "\(answer.text)")
        }
    }

    @Test func missingPromptIsAnswered400NamingTheField() async throws {
        try await withRouter { stack in
            let answer = try await post(stack, "{\"max_tokens\": 4}")
            #expect(answer.status == 400)
            #expect((answer.json?["error"] as? String)?.contains("missing field 'prompt'") == true, "\(answer.text)")
        }
    }

    @Test func unknownVariantIsAnswered404() async throws {
        try await withRouter { stack in
            let answer = try await post(stack, "{\"prompt\": \"hello\", \"variant\": \"gpt-9\"}")
            #expect(answer.status == 404)
            #expect((answer.json?["error"] as? String)?.contains("unknown variant 'gpt-9'") == true, "\(answer.text)")
        }
    }

    @Test func oversizeBodyIsAnswered413() async throws {
        try await withRouter(["--max-body-bytes", "1024"]) { stack in
            let prompt = String(repeating: "x", count: 4096)
            let answer = try await post(stack, "{\"prompt\": \"\(prompt)\"}")
            #expect(answer.status == 413)
            #expect((answer.json?["error"] as? String)?.contains("larger than 1024 bytes") == true, "\(answer.text)")
        }
    }

    @Test func promptOverTheContextIsAnswered422() async throws {
        try await withRouter { stack in
            // The router is told the model's context is 512 tokens; these prompts alone are longer. The second is over
            // GenerateRoutes.promptBytesOnLoop, so it is counted on the shared pool instead of the HTTP loop.
            for words in [700, 5000] {
                let prompt = Array(repeating: "word", count: words).joined(separator: " ")
                let answer = try await post(stack, "{\"prompt\": \"\(prompt)\", \"max_tokens\": 8}")
                #expect(answer.status == 422)
                #expect((answer.json?["error"] as? String)?.contains("over the model's context of 512 tokens") == true, "\(answer.text)")
            }
        }
    }

    @Test func undecodableAndUnknownSchemaMessagesAreDeadLetteredWithAReason() async throws {
        let stack = try ServiceStack(runID: EndToEndEnvironment.runID("dead"))
        let connection = try await AMQPConnection.connect(to: try AMQPURL(parsing: EndToEndEnvironment.amqpURL ?? ""), name: "e2e-dead")
        do {
            let router = try await stack.startRouter()
            let channel = try await connection.openChannel()
            // lce.dead is a fanout: a private queue bound to it sees every dead letter without taking any from dead.letters.
            let watch = try await channel.declareQueue("", durable: false, exclusive: true, autoDelete: true)
            try await channel.bindQueue(watch.name, to: Topology.Exchange.dead, routingKey: "")
            let (_, deliveries) = try await channel.consume(queue: watch.name, noAck: true)

            let garbageID = "\(stack.runID)-garbage"
            let futureID = "\(stack.runID)-future"
            try await channel.publish(Data("this is not JSON {".utf8), exchange: Topology.Exchange.requests,
                                      routingKey: Topology.RoutingKey.generate, properties: MessageProperties(messageID: garbageID))
            let future = "{\"schema\": \"lce.generate.request/v9\", \"id\": \"\(UUID().uuidString)\", \"prompt\": \"hi\"}"
            try await channel.publish(Data(future.utf8), exchange: Topology.Exchange.requests,
                                      routingKey: Topology.RoutingKey.generate, properties: MessageProperties(messageID: futureID))

            let collector = Task {
                var reasons: [String: String] = [:]
                for try await message in deliveries {
                    guard let id = message.properties.messageID, id == garbageID || id == futureID else { continue }
                    reasons[id] = message.properties.headers["x-lce-reason"]?.stringValue ?? "(no x-lce-reason header)"
                    if reasons.count == 2 { break }
                }
                return reasons
            }
            let timeout = Task { try await Task.sleep(for: .seconds(20)); collector.cancel() }
            let found = (try? await collector.value) ?? [:]
            timeout.cancel()
            #expect(found[garbageID]?.contains("JSON") == true, "garbage: \(found[garbageID] ?? "not dead-lettered in 20 s")")
            #expect(found[futureID]?.contains("lce.generate.request/v9") == true, "future: \(found[futureID] ?? "not dead-lettered in 20 s")")

            let health = try await HTTPClient.send(port: stack.routerPort, method: "GET", path: "/health")
            #expect(router.isRunning && health.status == 200)

            // An operator finds both in dead.letters with `lce dead list`, and removes them with `lce dead drop`.
            let listed = try await CommandRun.run("lce", ["dead", "list", "--json", "--limit", "100000"])
            #expect(listed.status == 0, "\(listed.errorOutput)")
            let letters = listed.output.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            let ours = Dictionary(letters.compactMap { letter in (letter["message_id"] as? String).map { ($0, letter) } },
                                  uniquingKeysWith: { first, _ in first })
            #expect((ours[garbageID]?["reason"] as? String)?.contains("JSON") == true, "lce dead list: \(ours[garbageID] ?? [:])")
            #expect(ours[garbageID]?["queue"] as? String == Topology.Queue.generateRequests)
            #expect(ours[garbageID]?["body"] as? String == "this is not JSON {")
            #expect((ours[futureID]?["reason"] as? String)?.contains("lce.generate.request/v9") == true)
            let dropped = try await CommandRun.run("lce", ["dead", "drop", "--id", garbageID, "--id", futureID, "--limit", "100000"])
            #expect(dropped.status == 0, "\(dropped.errorOutput)")
            #expect(dropped.output.hasPrefix("dropped 2 of"), "\(dropped.output)")
            let after = try await CommandRun.run("lce", ["dead", "list", "--json", "--limit", "100000"])
            #expect(!after.output.contains(garbageID) && !after.output.contains(futureID))
            await channel.close()
        } catch {
            Issue.record("\(error)")
        }
        await connection.close()
        await stack.stop()
    }
}
