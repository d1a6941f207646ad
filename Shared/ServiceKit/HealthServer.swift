import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// A small HTTP server on 127.0.0.1 serving `GET /health` (200 when healthy, 503 when not)
/// and `GET /metrics` (Prometheus text), for services whose real interface is the broker.
public struct HealthServer: Service {
    private let application: Application<RouterResponder<BasicRequestContext>>

    /// Serves `check` and `registry` on `host:port`.
    public init(host: String = "127.0.0.1", port: Int, registry: PrometheusCollectorRegistry,
                logger: Logger, check: @escaping @Sendable () async -> HealthStatus) {
        let router = Router()
        router.addHealthRoutes(registry: registry, check: check)
        application = Application(router: router, configuration: .init(address: .hostname(host, port: port)),
                                  logger: logger)
    }

    public func run() async throws {
        try await application.run()
    }
}

extension Router where Context == BasicRequestContext {
    /// Adds `GET /health` and `GET /metrics` to a router (the router service uses this on its main port).
    public func addHealthRoutes(registry: PrometheusCollectorRegistry,
                                check: @escaping @Sendable () async -> HealthStatus) {
        get("health") { _, _ -> Response in
            let status = await check()
            let body = (try? JSONEncoder().encode(status)) ?? Data("{\"status\":\"degraded\"}".utf8)
            return Response(status: status.isHealthy ? .ok : .serviceUnavailable,
                            headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        get("metrics") { _, _ -> Response in
            var bytes: [UInt8] = []
            registry.emit(into: &bytes)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
