import Foundation
import Testing

/// `lce submit eval` against a running lce-evaluator and lce-metrics, all as processes: the job goes through eval.jobs,
/// the command prints the table once evaluation.finished arrives, and the scores reach PostgreSQL.
@Suite("End to end: lce submit eval and lce-evaluator",
       .enabled(if: EndToEndEnvironment.isReady, EndToEndEnvironment.skipReason))
struct SubmitEvalTests {
    /// The job id `lce submit` printed ("job <id> queued on ...").
    static func jobID(in output: String) -> UUID? {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("job ") }) else { return nil }
        return UUID(uuidString: String(line.split(separator: " ")[1]))
    }

    @Test func aSubmittedEvaluationPrintsItsTableAndAJobWithNothingToEvaluateFails() async throws {
        let stack = try ServiceStack(runID: EndToEndEnvironment.runID("submit-eval"))
        do {
            try await stack.startMetrics()
            try await stack.startEvaluator()
            let missing = "lora.absent-\(stack.runID.suffix(8).lowercased())"
            let experiment = "e2e-eval-\(stack.runID.suffix(8))"

            // The tiny model stands in for a merged one: any model directory the evaluator can read will do.
            let done = try await CommandRun.run("lce", ["submit", "eval", "--variants", "base,merged,\(missing)", "--limit", "2",
                                                        "--merged", EndToEndEnvironment.modelDirectory.path,
                                                        "--max-tokens", "4", "--metrics", "bleu,codebleu,pass@k,latency",
                                                        "--temperature", "1", "--samples-per-task", "2", "--k", "1,2",
                                                        "--experiment", experiment, "--timeout", "120"], timeout: .seconds(150))
            #expect(done.status == 0, "\(done.output)\n\(done.errorOutput)")
            #expect(done.output.contains("queued on eval.jobs"))
            #expect(done.output.contains("evaluated base on 2 tasks") && done.output.contains("evaluated merged on 2 tasks"), "\(done.output)")
            let lines = done.output.split(separator: "\n").map(String.init)
            let header = try #require(lines.first { $0.hasPrefix("variant") }).split(separator: " ")
            #expect(header.suffix(3) == ["pass@1", "pass@2", "perplexity"], "\(header)")
            // The base row carries the figures asked for: size, BLEU, CodeBLEU and pass@k measured, perplexity not asked for.
            let base = try #require(lines.first { $0.hasPrefix("base ") }).split(separator: " ")
            #expect(base.count == 11 && base[1] != "-" && base[6] != "-" && base[7] != "-" && base[8] != "-" && base[9] != "-"
                    && base[10] == "-", "\(base)")
            #expect(lines.contains { $0.hasPrefix("\(missing): ") && $0.contains("no adapter") }, "\(done.output)")
            #expect(lines.contains { $0.hasPrefix("merged ") })
            #expect(lines.contains { $0.hasPrefix("2 of 3 variants evaluated in") })

            // What the table showed is in the database: an evaluation row per variant with pass@1 and pass@2, a row per draw.
            let job = try #require(Self.jobID(in: done.output))
            let database = try await MetricsDatabase.connect()
            let evaluations = try await database.waitFor(2, timeout: .seconds(20)) {
                try await database.count("SELECT count(*) FROM evaluations WHERE run_id = $1 AND pass_at_1 IS NOT NULL AND k = 2",
                                         [job.uuidString])
            }
            let samples = try await database.waitFor(8, timeout: .seconds(20)) {
                try await database.count("SELECT count(DISTINCT (variant_id, task_id, sample_index)) FROM evaluation_samples WHERE run_id = $1",
                                         [job.uuidString])
            }
            // Filed under the experiment the job named, where tradeoff_summary finds it by name.
            let filed = try await database.count("SELECT count(*) FROM tradeoff_summary WHERE experiment = $1 AND variant = 'base'",
                                                 [experiment])
            await database.close()
            #expect(evaluations == 2 && samples == 8 && filed == 1)

            let failed = try await CommandRun.run("lce", ["submit", "eval", "--variants", missing, "--limit", "1",
                                                          "--timeout", "120"], timeout: .seconds(150))
            #expect(failed.status != 0)
            #expect(failed.errorOutput.contains("the evaluator failed job") && failed.errorOutput.contains("no variant could be evaluated"),
                    "\(failed.output)\n\(failed.errorOutput)")

            // The job's base model is the one evaluated: one the evaluator cannot find fails the job, naming it.
            let elsewhere = try await CommandRun.run("lce", ["submit", "eval", "--variants", "base", "--base-model", "no-such-model",
                                                             "--limit", "1", "--timeout", "120"], timeout: .seconds(150))
            #expect(elsewhere.status != 0 && elsewhere.errorOutput.contains("no-such-model"), "\(elsewhere.output)\n\(elsewhere.errorOutput)")

            let invalid = try await CommandRun.run("lce", ["submit", "eval", "--variants", "base", "--metrics", "speed"])
            #expect(invalid.status != 0)
            #expect(invalid.errorOutput.contains("'speed' is not one of"), "\(invalid.errorOutput)")
        } catch {
            Issue.record("\(error)")
        }
        await stack.stop()
    }
}
