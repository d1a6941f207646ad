import Foundation
import Messaging
import Prometheus
import Routing

/// Publishes every routing decision to `lce.metrics` and counts it for `GET /metrics`.
struct DecisionRecorder: Sendable {
    let emitter: MetricsEmitter
    let registry: PrometheusCollectorRegistry

    func record(_ decision: RoutingRecord, source: String) {
        let variant = decision.variant ?? "none"
        registry.makeCounter(name: "lce_router_requests_total",
                             labels: [("variant", variant), ("outcome", decision.outcome), ("source", source)]).increment()
        if decision.isFallback {
            registry.makeCounter(name: "lce_router_fallbacks_total", labels: [("wanted", decision.wanted)]).increment()
        }
        registry.makeValueHistogram(name: "lce_router_latency_ms", labels: [("variant", variant)],
                                    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000])
            .record(decision.latencyMs)
        let message = RoutingDecision(requestId: decision.requestID, requestedVariant: decision.wanted.isEmpty ? nil : decision.wanted,
                                      chosenVariant: variant, reason: decision.reason, promptTokens: decision.promptTokens,
                                      fallback: decision.isFallback, source: source)
        emitter.emit(message, routingKey: Topology.RoutingKey.routingMetric)
    }
}
