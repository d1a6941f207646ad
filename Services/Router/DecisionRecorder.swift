import Foundation
import Messaging
import Prometheus
import Routing
import Synchronization

/// Publishes every routing decision to `lce.metrics` and counts it for `GET /metrics`.
final class DecisionRecorder: Sendable {
    let emitter: MetricsEmitter
    let registry: PrometheusCollectorRegistry
    private let count = Atomic<Int64>(0)

    init(emitter: MetricsEmitter, registry: PrometheusCollectorRegistry) {
        self.emitter = emitter
        self.registry = registry
    }

    /// Decisions recorded so far (requests answered or refused, HTTP and AMQP).
    var recorded: Int64 { count.load(ordering: .relaxed) }

    static let requests = MetricNameDescriptor(metricName: "lce_router_requests", unitName: "total",
                                               helpText: "Generate requests the router answered, by variant, outcome and source")
    static let fallbacks = MetricNameDescriptor(metricName: "lce_router_fallbacks", unitName: "total",
                                                helpText: "Requests answered by a fallback because the wanted variant had no live worker")
    static let latency = MetricNameDescriptor(metricName: "lce_router_latency", unitName: "ms",
                                              helpText: "Router-side latency from receipt to answer, in milliseconds")

    func record(_ decision: RoutingRecord, source: String) {
        count.wrappingAdd(1, ordering: .relaxed)
        let variant = decision.variant ?? "none"
        registry.makeCounter(descriptor: Self.requests,
                             labels: [("variant", variant), ("outcome", decision.outcome), ("source", source)]).increment()
        if decision.isFallback {
            registry.makeCounter(descriptor: Self.fallbacks, labels: [("wanted", decision.wanted)]).increment()
        }
        registry.makeValueHistogram(descriptor: Self.latency, labels: [("variant", variant)],
                                    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000])
            .record(decision.latencyMs)
        let message = RoutingDecision(requestId: decision.requestID, requestedVariant: decision.wanted.isEmpty ? nil : decision.wanted,
                                      chosenVariant: variant, reason: decision.reason, promptTokens: decision.promptTokens,
                                      fallback: decision.isFallback, source: source)
        emitter.emit(message, routingKey: Topology.RoutingKey.routingMetric)
    }
}
