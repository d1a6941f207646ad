import Foundation
import ServiceLifecycle

/// Sends this service instance's `ServiceHeartbeat` to `lce.metrics` (`metrics.heartbeat`) at start, then every
/// `interval`, and a last one saying `draining` when the service group shuts down gracefully, so the
/// `service_status` view shows which instances are alive, what each is doing, and which ones left.
///
/// Put it after its emitter in the service group: the group shuts services down in reverse order, so the
/// last heartbeat is queued before the emitter publishes what is left and stops.
public final class HeartbeatSender: Service, Sendable {
    /// What a heartbeat reports besides the instance's name.
    public struct Snapshot: Sendable, Equatable {
        /// Messages or requests being handled now.
        public var inFlight: Int
        /// Messages or requests handled since start.
        public var processed: Int64

        public init(inFlight: Int, processed: Int64) {
            self.inFlight = inFlight
            self.processed = processed
        }
    }

    /// `router`, `worker`, `trainer`, `evaluator` or `metrics`.
    public let service: String
    /// This process's name in the heartbeats (host and pid unless told otherwise).
    public let instance: String
    /// The variant a worker serves.
    public let variant: String?
    private let interval: Duration
    private let emitter: MetricsEmitter
    private let snapshot: @Sendable () -> Snapshot
    private let started = ContinuousClock.now

    /// Creates a sender that reads `snapshot` for every heartbeat; `interval` must be positive.
    public init(service: String, instance: String = HeartbeatSender.defaultInstance, variant: String? = nil,
                interval: Duration, emitter: MetricsEmitter, snapshot: @escaping @Sendable () -> Snapshot) {
        self.service = service
        self.instance = instance
        self.variant = variant
        self.interval = max(interval, .milliseconds(10))
        self.emitter = emitter
        self.snapshot = snapshot
    }

    /// `host-pid`: unique among the instances on one broker.
    public static var defaultInstance: String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// The heartbeat sent now: `busy` while anything is in flight, else `ready`; `draining` once shutting down.
    public func heartbeat(draining: Bool = false) -> ServiceHeartbeat {
        let now = snapshot()
        let status = draining ? "draining" : (now.inFlight > 0 ? "busy" : "ready")
        let uptime = started.duration(to: .now)
        return ServiceHeartbeat(service: service, instance: instance, variant: variant, status: status, inFlight: now.inFlight,
                                processed: now.processed,
                                uptimeS: uptime.seconds)
    }

    /// Sends heartbeats until graceful shutdown or cancellation; the last one says `draining`.
    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            emitter.emit(heartbeat(), routingKey: Topology.RoutingKey.heartbeatMetric)
            // The sleep ends early on graceful shutdown (and on cancellation, which ends the loop too).
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
        }
        emitter.emit(heartbeat(draining: true), routingKey: Topology.RoutingKey.heartbeatMetric)
    }
}
