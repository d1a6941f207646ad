import Foundation
import Testing

/// `lce submit train` against a running lce-trainer, both as processes: the job goes through train.jobs, the
/// command follows it through lce.events and ends with the trainer's answer.
@Suite("End to end: lce submit train and lce-trainer",
       .enabled(if: EndToEndEnvironment.isReady, EndToEndEnvironment.skipReason))
struct SubmitTrainTests {
    @Test func aSubmittedJobIsTrainedAndAFailedOneSaysWhy() async throws {
        let stack = try ServiceStack(runID: EndToEndEnvironment.runID("submit"))
        do {
            let datasets = stack.home.appendingPathComponent("datasets")
            try FileManager.default.createDirectory(at: datasets, withIntermediateDirectories: true)
            let records = (0..<24).map { "{\"prompt\": \"def add\($0)(a, b):\", \"completion\": \" return a + b\"}" }
            try Data((records.joined(separator: "\n") + "\n").utf8).write(to: datasets.appendingPathComponent("tiny.jsonl"))
            try await stack.startMetrics()
            try await stack.startTrainer()
            let adapter = "submitted-\(stack.runID.suffix(8))"
            let experiment = "e2e-train-\(stack.runID.suffix(8))"

            let done = try await CommandRun.run("lce", ["submit", "train", "--base-model", EndToEndEnvironment.modelDirectory.path,
                                                        "--dataset", "tiny.jsonl", "--adapter", adapter, "--max-steps", "4",
                                                        "--experiment", experiment, "--timeout", "120"], timeout: .seconds(150))
            #expect(done.status == 0, "\(done.output)\n\(done.errorOutput)")
            #expect(done.output.contains("queued on train.jobs"))
            #expect(done.output.contains("adapter \(adapter) written to"), "\(done.output)")
            let written = stack.home.appendingPathComponent("adapters/\(adapter)/adapter_model.safetensors")
            #expect(FileManager.default.fileExists(atPath: written.path))
            // The run reaches PostgreSQL through lce-metrics, completed and filed under the experiment the job named.
            let database = try await MetricsDatabase.connect()
            let filed = try await database.waitFor(1, timeout: .seconds(20)) {
                try await database.count("""
                    SELECT count(*) FROM training_runs r JOIN experiments x ON x.id = r.experiment_id
                    WHERE x.name = $1 AND r.status = 'completed' AND r.steps = 4
                    """, [experiment])
            }
            await database.close()
            #expect(filed == 1)

            let failed = try await CommandRun.run("lce", ["submit", "train", "--dataset", "tiny.jsonl", "--adapter", adapter + "-x",
                                                          "--base-model", "no-such-model", "--timeout", "120"], timeout: .seconds(150))
            #expect(failed.status != 0)
            #expect(failed.errorOutput.contains("the trainer failed job") && failed.errorOutput.contains("no-such-model"),
                    "\(failed.output)\n\(failed.errorOutput)")

            let invalid = try await CommandRun.run("lce", ["submit", "train", "--dataset", "tiny.jsonl", "--adapter", "Not A Name"])
            #expect(invalid.status != 0)
            #expect(invalid.errorOutput.contains("adapter"), "\(invalid.errorOutput)")
        } catch {
            Issue.record("\(error)")
        }
        await stack.stop()
    }
}
