import Foundation
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing
@testable import ServiceKit

@Suite struct HealthServerTests {
    func app(checks: [String: String], registry: PrometheusCollectorRegistry = .init()) -> some ApplicationProtocol {
        let router = Router()
        router.addHealthRoutes(registry: registry) { HealthStatus(service: "worker", checks: checks) }
        return Application(router: router)
    }

    @Test func healthyServiceAnswers200WithItsChecks() async throws {
        try await app(checks: ["broker": "connected"]).test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                let status = try JSONDecoder().decode(HealthStatus.self, from: Data(buffer: response.body))
                #expect(status.service == "worker")
                #expect(status.checks["broker"] == "connected")
            }
        }
    }

    @Test func degradedServiceAnswers503() async throws {
        try await app(checks: ["broker": "connected", "database": "reconnecting"]).test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("\"status\":\"degraded\""))
            }
        }
    }

    @Test func metricsEndpointServesPrometheusText() async throws {
        let registry = PrometheusCollectorRegistry()
        registry.makeCounter(descriptor: MetricNameDescriptor(metricName: "lce_requests", unitName: "total", helpText: "Requests"),
                             labels: [("variant", "base")]).increment(by: Int64(3))
        try await app(checks: [:], registry: registry).test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("lce_requests_total{variant=\"base\"} 3"))
            }
        }
    }
}
