import Foundation
import Messaging
import Models
import Tensor
import Testing
import Training

/// A LoRA worker started as a process picks up its retrained adapter from `adapter.trained`, without a restart.
@Suite("End to end: a worker reloads its retrained adapter",
       .enabled(if: EndToEndEnvironment.isReady, EndToEndEnvironment.skipReason))
struct AdapterReloadTests {
    static let prompt = "def add(a, b):"
    static let maxTokens = 8

    /// An all-linear adapter of the tiny model with random A and B, written to `directory` in PEFT's layout.
    static func writeRandomAdapter(to directory: URL, seed: UInt64) throws {
        let layout = try LoRAModelLayout(directory: try ModelDirectory(path: EndToEndEnvironment.modelDirectory.path))
        var random = TrainingRandom(seed: seed)
        var weights: [String: LoRAWeights] = [:]
        for module in layout.modules {
            let a = Tensor(shape: [4, module.inFeatures]), b = Tensor(shape: [module.outFeatures, 4])
            for i in 0..<a.count { a.data[i] = random.nextFloat(in: -0.8, 0.8) }
            for i in 0..<b.count { b.data[i] = random.nextFloat(in: -0.8, 0.8) }
            weights[module.path] = LoRAWeights(a: a, b: b)
        }
        let config = AdapterConfig(r: 4, loraAlpha: 16, targetModules: .allLinear, fanInFanOut: layout.fanInFanOut)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try LoRAAdapter(config: config, layout: layout, weights: weights).write(to: directory.path)
    }

    /// The greedy completion a `lora.<a>` worker gives for `prompt` with the adapter in `directory`, computed here.
    static func expectedCompletion(adapter directory: URL) throws -> String {
        let model = try LoadedModel.load(path: EndToEndEnvironment.modelDirectory.path).applyingAdapter(directory: directory.path)
        let options = GenerationOptions(maxTokens: maxTokens, temperature: 0, stopTokenIDs: model.stopTokenIDs)
        return try model.generate(prompt, options: options, generator: Generator(model: model.model)).text
    }

    @Test func aLoRAWorkerServesItsRetrainedAdapterAfterAdapterTrained() async throws {
        let stack = try ServiceStack(runID: EndToEndEnvironment.runID("reload"))
        // Every lora worker on the broker hears adapter.trained: a name of this run's own.
        let name = "reload-\(stack.runID.suffix(8))"
        let variant = "lora.\(name)"
        let registry = stack.home.appendingPathComponent("adapters/\(name)")
        let retrained = stack.logDirectory.appendingPathComponent("retrained")
        try Self.writeRandomAdapter(to: registry, seed: 1)
        try Self.writeRandomAdapter(to: retrained, seed: 2)
        let before = try Self.expectedCompletion(adapter: registry)
        let after = try Self.expectedCompletion(adapter: retrained)
        #expect(before != after, "the two adapters must answer differently for the test to show a reload")

        let connection = try await AMQPConnection.connect(to: try AMQPURL(parsing: EndToEndEnvironment.amqpURL ?? ""), name: "e2e-reload")
        do {
            try await stack.startWorker("lora", variant: variant)
            try await stack.startRouter()
            let port = stack.routerPort
            let ask = { () async throws -> HTTPResponse in
                try await HTTPClient.generate(port: port, ["prompt": Self.prompt, "max_tokens": Self.maxTokens, "variant": variant])
            }
            let first = try await ask()
            #expect(first.status == 200, "\(first.text)")
            #expect(first.json?["completion"] as? String == before)
            #expect(first.json?["model"] as? String == variant)

            // The trainer's way: new files in the registry, then the event.
            for file in ["adapter_config.json", "adapter_model.safetensors"] {
                let target = registry.appendingPathComponent(file)
                try FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: retrained.appendingPathComponent(file), to: target)
            }
            let event = AdapterTrained(jobId: UUID(), adapterName: name, variant: variant, baseModel: EndToEndEnvironment.modelDirectory.path,
                                       method: "lora", path: registry.path, rank: 4, alpha: 16, steps: 1, finalLoss: 1,
                                       durationS: 1, sizeBytes: 1)
            let channel = try await connection.openChannel()
            try await channel.publish(try ContractCoder.encode(event), exchange: Topology.Exchange.events,
                                      routingKey: Topology.RoutingKey.adapterTrained,
                                      properties: MessageProperties(messageID: event.id.uuidString, type: AdapterTrained.schemaID))

            var answer = first.json?["completion"] as? String
            let deadline = ContinuousClock.now + .seconds(30)
            while answer != after && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
                let next = try await ask()
                #expect(next.status == 200, "requests are answered during the reload: \(next.text)")
                answer = next.json?["completion"] as? String
            }
            #expect(answer == after, "the worker should serve the retrained adapter within 30 s")
            await channel.close()
        } catch {
            Issue.record("\(error)")
        }
        await connection.close()
        await stack.stop()
    }
}
