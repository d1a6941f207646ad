import Foundation

/// Where a service finds the broker, the database and the model registry.
///
/// Values come from flags first, then the environment (`AMQP_URL`, `DATABASE_URL`,
/// `LCE_HOME`), then defaults that match `Deploy/local`'s ports. No password is ever a
/// default: the local scripts generate one and print it with `Deploy/local/services.sh env`.
public struct ServiceEnvironment: Sendable, Equatable {
    /// The RabbitMQ URL, `amqp://user:password@host:port/vhost`.
    public var amqpURL: String?
    /// The PostgreSQL URL the service role connects with.
    public var databaseURL: String?
    /// The model registry: base models, adapters and quantized variants.
    public var lceHome: String

    /// Builds the environment from explicit values, falling back on `environment`.
    public init(amqpURL: String? = nil, databaseURL: String? = nil, lceHome: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.amqpURL = amqpURL ?? environment["AMQP_URL"].flatMap { $0.isEmpty ? nil : $0 }
        self.databaseURL = databaseURL ?? environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        self.lceHome = lceHome
            ?? environment["LCE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ServiceEnvironment.defaultHome(environment: environment)
    }

    /// The broker URL, or an error telling the user how to get one.
    public func requireAMQPURL() throws -> String {
        guard let url = amqpURL else {
            throw ConfigurationError.missing(
                name: "AMQP_URL",
                hint: "start the local broker with `Deploy/local/services.sh start` and run `eval \"$(Deploy/local/services.sh env)\"`, or pass --amqp-url")
        }
        return url
    }

    /// The database URL, or an error telling the user how to get one.
    public func requireDatabaseURL() throws -> String {
        guard let url = databaseURL else {
            throw ConfigurationError.missing(
                name: "DATABASE_URL",
                hint: "start the local database with `Deploy/local/services.sh start` and run `eval \"$(Deploy/local/services.sh env)\"`, or pass --database-url")
        }
        return url
    }

    /// `$HOME/.lce` unless HOME is unset, then `./.lce`.
    static func defaultHome(environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home + "/.lce" }
        return ".lce"
    }
}

/// A setting a service needs and was not given.
public enum ConfigurationError: Error, CustomStringConvertible, Equatable {
    case missing(name: String, hint: String)
    case invalid(name: String, value: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let name, let hint): return "\(name) is not set: \(hint)"
        case .invalid(let name, let value, let reason): return "\(name)=\(value) is not usable: \(reason)"
        }
    }
}

extension ServiceEnvironment {
    /// Every environment variable an lce executable reads, with what it is for (docs/operations.md lists the same).
    public static let variables: [String: String] = [
        "AMQP_URL": "RabbitMQ URL for every service",
        "DATABASE_URL": "PostgreSQL URL of the least-privilege service role",
        "LCE_DATABASE_ADMIN_URL": "PostgreSQL URL of the owner role, for migrations",
        "LCE_SERVICE_ROLE_PASSWORD": "password lce db migrate gives the service role it creates",
        "LCE_HOME": "the model registry directory",
        "LCE_DEFAULT_MODEL": "the model used when none is named",
        "LCE_API_TOKEN": "bearer token the router requires on POST /generate (unset: no authentication)",
        "LCE_QUEUE_TYPE": "queue type of job and event queues (quorum or classic)",
        "LCE_INFERENCE_QUEUE_TYPE": "queue type of inference queues (classic by default)",
        "LOG_LEVEL": "trace, debug, info, warning or error",
        "OPENBLAS_NUM_THREADS": "threads OpenBLAS may use",
    ]
}
