import Foundation
import Logging
import Messaging
import ServiceKit

/// Hot reload: a `lora.<a>` or `qlora.<a>` worker hears `adapter.trained` on a queue of its own and, when the event is
/// about its adapter `a`, loads the retrained adapter from the registry beside the running model and swaps it in between
/// two generations. A reload that fails (a half-written or broken adapter) leaves the worker serving what it had.
enum AdapterReloader {
    /// The registry adapter a variant serves: `a` for `lora.a` and `qlora.a`, nil for the others.
    static func adapter(of variant: String) -> String? {
        let parts = variant.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, ["lora", "qlora"].contains(parts[0]) else { return nil }
        return parts[1]
    }

    /// A consumer of this instance's events queue that reloads `handler`'s model when `adapter` is retrained.
    static func consumer(url: AMQPURL, variant: String, adapter: String, instance: String, modelPath: String, lceHome: String,
                         handler: InferenceHandler, logger: Logger) -> Consumer {
        let queue = Topology.Queue.workerEvents(variant: variant, instance: instance)
        // Loading reads and folds every weight: off the engine's thread (which keeps serving) and off the shared pool.
        let loader = BlockingWorkQueue(label: "lce.worker.reload")
        return Consumer(url: url,
                        configuration: ConsumerConfiguration(queue: queue, prefetch: 1, concurrency: 1, name: "worker-\(variant)-events"),
                        setup: { connection in
                            try await Topology().declare(on: connection)
                            try await Topology().declareInstanceEventQueue(queue, bindingKeys: [Topology.RoutingKey.adapterTrained],
                                                                          on: connection)
                        },
                        logger: logger, decoding: AdapterTrained.self) { event, _ in
            guard event.adapterName == adapter else { return .ack }
            logger.info("adapter retrained; reloading", metadata: ["adapter": "\(adapter)", "job": "\(event.jobId)"])
            let started = ContinuousClock.now
            do {
                let reloaded = try await loader.run {
                    try VariantModel.load(variant: variant, modelPath: modelPath, lceHome: lceHome)
                }
                handler.replace(with: reloaded.model)
                logger.info("adapter reloaded", metadata: ["adapter": "\(adapter)", "load_ms": "\(Int(started.duration(to: .now).milliseconds))"])
            } catch {
                logger.error("adapter reload failed; still serving the adapter loaded before",
                             metadata: ["adapter": "\(adapter)", "error": "\(error)"])
            }
            return .ack
        }
    }
}
