import Foundation
import Yams

/// Reads the deployment files of the repository this test target lives in.
enum DeploymentFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// docker-compose.yml as plain dictionaries, merge keys (`<<:`) resolved.
    static func compose() throws -> [String: Any] {
        let text = try String(contentsOf: root.appendingPathComponent("docker-compose.yml"), encoding: .utf8)
        guard let object = try Yams.load(yaml: text) as? [String: Any] else {
            throw DeploymentFileError("docker-compose.yml is not a mapping")
        }
        return object
    }

    /// Every YAML document under Deploy/k8s.
    static func kubernetesDocuments() throws -> [(file: String, document: [String: Any])] {
        let folder = root.appendingPathComponent("Deploy/k8s")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var documents: [(String, [String: Any])] = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for case let document as [String: Any] in try Yams.load_all(yaml: text) {
                documents.append((file, document))
            }
        }
        return documents
    }

    /// Containers of a Kubernetes Deployment or Job document.
    static func containers(of document: [String: Any]) -> [[String: Any]] {
        let spec = document["spec"] as? [String: Any]
        let template = spec?["template"] as? [String: Any]
        let podSpec = template?["spec"] as? [String: Any]
        return podSpec?["containers"] as? [[String: Any]] ?? []
    }
}

struct DeploymentFileError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
