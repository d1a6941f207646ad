import Foundation
import ServiceKit
import Testing

/// docker-compose.yml cannot be run here (no Docker engine), so it is checked as a file: each
/// service's command is an executable this package builds with flags it accepts, each service
/// has a health check, start order waits on health, and the environment names are the ones
/// the services read.
@Suite struct ComposeFileTests {
    let compose: [String: Any]
    var services: [String: [String: Any]] { compose["services"] as? [String: [String: Any]] ?? [:] }

    init() throws {
        compose = try DeploymentFiles.compose()
    }

    @Test func declaresTheBrokerTheDatabaseAndEveryServiceWithWorkerPoolsApart() {
        for name in ["rabbitmq", "postgres", "migrate", "metrics", "router", "worker-base", "worker-lora", "worker-q4"] {
            #expect(services[name] != nil, "service \(name) is missing")
        }
    }

    @Test func everyCommandIsABuiltExecutableWithFlagsItAccepts() {
        for (name, service) in services {
            guard let command = service["command"] as? [String] else { continue }
            #expect(ServiceCommandLines.problem(with: command) == nil, "\(name): \(ServiceCommandLines.problem(with: command) ?? "")")
        }
    }

    @Test func everyServiceHasAHealthCheck() {
        for (name, service) in services {
            let check = service["healthcheck"] as? [String: Any]
            #expect(check?["test"] != nil, "service \(name) has no health check")
        }
    }

    @Test func servicesStartOnlyOnceTheBrokerAndDatabaseAreHealthy() {
        for (name, service) in services where (service["command"] as? [String])?.first?.hasPrefix("lce") == true {
            let dependsOn = service["depends_on"] as? [String: [String: String]] ?? [:]
            #expect(dependsOn["rabbitmq"]?["condition"] == "service_healthy", "\(name) does not wait for a healthy broker")
            #expect(dependsOn["postgres"]?["condition"] == "service_healthy", "\(name) does not wait for a healthy database")
        }
    }

    @Test func environmentNamesAreTheOnesTheServicesRead() {
        for (name, service) in services where (service["command"] as? [String])?.first?.hasPrefix("lce") == true {
            let environment = service["environment"] as? [String: Any] ?? [:]
            for key in environment.keys {
                #expect(ServiceEnvironment.variables[key] != nil, "\(name) sets \(key), which no lce service reads")
            }
        }
    }

    @Test func credentialsComeFromTheEnvFileNotDefaults() {
        for (name, service) in services {
            let environment = service["environment"] as? [String: Any] ?? [:]
            for (key, value) in environment where key.contains("PASS") || key.hasSuffix("_URL") {
                let text = "\(value)"
                #expect(text.contains("${"), "\(name): \(key) is written out instead of read from .env")
                #expect(!text.contains(":-"), "\(name): \(key) has a default value")
            }
        }
    }

    @Test func theModelRegistryIsOneSharedVolume() {
        let volumes = compose["volumes"] as? [String: Any] ?? [:]
        #expect(volumes.keys.contains("registry"))
        for name in ["router", "worker-base", "worker-lora", "metrics"] {
            let mounts = services[name]?["volumes"] as? [String] ?? []
            #expect(mounts.contains("registry:/var/lib/lce/registry"), "\(name) does not mount the registry")
        }
    }

    @Test func aBadCommandLineIsCaught() {
        #expect(ServiceCommandLines.problem(with: ["lce-worker", "--variant", "base", "--no-such-flag"]) != nil)
        #expect(ServiceCommandLines.problem(with: ["lce-worker"]) != nil)  // --variant is required
        #expect(ServiceCommandLines.problem(with: ["lce-nonexistent"]) != nil)
    }
}

@Suite struct KubernetesManifestTests {
    @Test func everyContainerCommandParses() throws {
        let documents = try DeploymentFiles.kubernetesDocuments()
        #expect(!documents.isEmpty)
        var checked = 0
        for (file, document) in documents {
            for container in DeploymentFiles.containers(of: document) {
                guard let command = container["command"] as? [String] else { continue }
                #expect(ServiceCommandLines.problem(with: command) == nil, "\(file): \(ServiceCommandLines.problem(with: command) ?? "")")
                checked += 1
            }
        }
        #expect(checked >= 4)
    }

    @Test func everyWorkerPoolScalesOnItsOwnQueue() throws {
        let scaledObjects = try DeploymentFiles.kubernetesDocuments().filter { $0.document["kind"] as? String == "ScaledObject" }
        #expect(scaledObjects.count >= 2)
        for (file, document) in scaledObjects {
            let triggers = (document["spec"] as? [String: Any])?["triggers"] as? [[String: Any]] ?? []
            let queue = (triggers.first?["metadata"] as? [String: Any])?["queueName"] as? String
            #expect(queue?.hasPrefix("inference.") == true, "\(file) does not scale on an inference queue")
        }
    }
}
