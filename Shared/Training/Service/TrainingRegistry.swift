import Foundation

/// The model registry as the trainer uses it: `<home>/models/<name>` base models,
/// `<home>/adapters/<name>` adapters in PEFT layout, and `<home>/runs/<job id>` a job's working
/// directory (its checkpoints, and the record that it finished, which makes a redelivered job
/// a no-op).
public struct TrainingRegistry: Sendable {
    /// The registry's root (LCE_HOME).
    public let home: String

    /// A registry rooted at `home`.
    public init(home: String) {
        self.home = home
    }

    /// The file name of a finished job's record in its run directory.
    public static let completionFileName = "completed.json"

    /// Where the adapter called `name` lives.
    public func adapterDirectory(_ name: String) -> String { path("adapters", name) }

    /// Where a fully trained model called `name` lives.
    public func modelDirectory(_ name: String) -> String { path("models", name) }

    /// The working directory of job `id`.
    public func runDirectory(_ id: UUID) -> String { path("runs", id.uuidString.lowercased()) }

    /// Where job `id` trains before its result is installed.
    public func stagingDirectory(_ id: UUID) -> String { runDirectory(id) + "/output" }

    /// A base model named by a job: an absolute path, `<home>/models/<name>`, or a path under home.
    public func resolveModel(_ name: String) throws -> String {
        try resolve(name, under: ["models", ""], what: "base model")
    }

    /// A dataset named by a job: an absolute path, `<home>/datasets/<name>`, or a path under home.
    public func resolveDataset(_ name: String) throws -> String {
        try resolve(name, under: ["datasets", ""], what: "dataset")
    }

    /// The record job `id` left when it finished, if it did.
    public func completionRecord(of id: UUID) -> Data? {
        FileManager.default.contents(atPath: runDirectory(id) + "/" + Self.completionFileName)
    }

    /// Records that job `id` finished, with `record` (the event it announced) kept for redeliveries.
    public func recordCompletion(of id: UUID, record: Data) throws {
        try FileManager.default.createDirectory(atPath: runDirectory(id), withIntermediateDirectories: true)
        try record.write(to: URL(fileURLWithPath: runDirectory(id) + "/" + Self.completionFileName), options: .atomic)
    }

    /// The newest complete checkpoint (`checkpoint-N` with its trainer state) job `id` wrote, if any.
    public func latestCheckpoint(of id: UUID) -> String? {
        let staging = stagingDirectory(id)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? []
        let steps = names.compactMap { name -> Int? in
            guard name.hasPrefix("checkpoint-"), let step = Int(name.dropFirst("checkpoint-".count)),
                  FileManager.default.fileExists(atPath: "\(staging)/\(name)/trainer_state.json") else { return nil }
            return step
        }
        return steps.max().map { staging + "/" + TrainingJobRunner.checkpointName(step: $0) }
    }

    /// Moves the finished files of job `id` (everything in its staging directory but checkpoints)
    /// into `destination`, replacing what was there, and removes the checkpoints.
    public func install(jobID id: UUID, into destination: String) throws {
        let fileManager = FileManager.default
        let staging = stagingDirectory(id)
        let incoming = destination + ".incoming-" + id.uuidString.lowercased()
        if fileManager.fileExists(atPath: incoming) { try fileManager.removeItem(atPath: incoming) }
        try fileManager.createDirectory(atPath: incoming, withIntermediateDirectories: true)
        for name in try fileManager.contentsOfDirectory(atPath: staging) where !name.hasPrefix("checkpoint-") {
            try fileManager.moveItem(atPath: staging + "/" + name, toPath: incoming + "/" + name)
        }
        // Swap in whole: a worker loading the adapter never sees half of an old one and half of a new one.
        if fileManager.fileExists(atPath: destination) { try fileManager.removeItem(atPath: destination) }
        try fileManager.moveItem(atPath: incoming, toPath: destination)
        try? fileManager.removeItem(atPath: staging)
    }

    private func path(_ folder: String, _ name: String) -> String {
        URL(fileURLWithPath: home).appendingPathComponent(folder).appendingPathComponent(name).path
    }

    private func resolve(_ name: String, under folders: [String], what: String) throws -> String {
        let expanded = (name as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") {
            guard FileManager.default.fileExists(atPath: expanded) else {
                throw TrainingError.invalidArgument("the \(what) \(expanded) does not exist")
            }
            return expanded
        }
        guard !name.split(separator: "/").contains("..") else {
            throw TrainingError.invalidArgument("the \(what) '\(name)' must not leave the registry (no '..')")
        }
        let candidates = folders.map { $0.isEmpty ? URL(fileURLWithPath: home).appendingPathComponent(name).path : path($0, name) }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw TrainingError.invalidArgument("the \(what) '\(name)' is not in the registry (looked at \(candidates.joined(separator: ", ")))")
        }
        return found
    }
}
