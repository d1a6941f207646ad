import ArgumentParser

/// Flags every lce service accepts; each falls back on its environment variable.
public struct ServiceOptions: ParsableArguments, Sendable {
    /// RabbitMQ URL (default: $AMQP_URL).
    @Option(name: .customLong("amqp-url"), help: "RabbitMQ URL, amqp://user:pass@host:port/vhost (default: $AMQP_URL).")
    public var amqpURL: String?

    /// PostgreSQL URL (default: $DATABASE_URL).
    @Option(name: .customLong("database-url"), help: "PostgreSQL URL for the service role (default: $DATABASE_URL).")
    public var databaseURL: String?

    /// Model registry directory (default: $LCE_HOME or ~/.lce).
    @Option(name: .customLong("lce-home"), help: "Model registry directory (default: $LCE_HOME, else ~/.lce).")
    public var lceHome: String?

    /// Messages a consumer may hold unacknowledged at once.
    @Option(help: "Unacknowledged messages a consumer may hold at once.")
    public var prefetch: Int = 4

    /// Port of the health endpoint (`GET /health`); 0 turns it off.
    @Option(name: .customLong("health-port"), help: "Port of GET /health on 127.0.0.1 (0: off).")
    public var healthPort: Int = 0

    /// Address the health endpoint listens on (0.0.0.0 where probes come from outside, as in Kubernetes).
    @Option(name: .customLong("health-host"), help: "Address of the health endpoint (default 127.0.0.1).")
    public var healthHost: String = "127.0.0.1"

    /// Seconds between this instance's heartbeats on `lce.metrics` (`service_status` in the database); 0 turns them off.
    @Option(name: .customLong("heartbeat-seconds"), help: "Seconds between heartbeats to lce.metrics (service_status in PostgreSQL; 0: off).")
    public var heartbeatSeconds: Double = 5

    public init() {}

    /// The time between heartbeats, or nil when they are off.
    public var heartbeatInterval: Duration? {
        heartbeatSeconds > 0 ? .milliseconds(Int64(heartbeatSeconds * 1000)) : nil
    }

    /// The environment these flags describe, with the process environment filling gaps.
    public var environment: ServiceEnvironment {
        ServiceEnvironment(amqpURL: amqpURL, databaseURL: databaseURL, lceHome: lceHome)
    }

    public mutating func validate() throws {
        guard prefetch >= 1 && prefetch <= 10_000 else {
            throw ValidationError("--prefetch must be between 1 and 10000, got \(prefetch)")
        }
        guard heartbeatSeconds.isFinite && heartbeatSeconds >= 0 && heartbeatSeconds <= 3600 else {
            throw ValidationError("--heartbeat-seconds must be between 0 (off) and 3600, got \(heartbeatSeconds)")
        }
        guard healthPort >= 0 && healthPort <= 65_535 else {
            throw ValidationError("--health-port must be a TCP port (0-65535), got \(healthPort)")
        }
    }
}
