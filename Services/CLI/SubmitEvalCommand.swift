import ArgumentParser
import Evaluation
import Foundation
import Messaging

/// `lce submit eval`: a `lce.eval.job/v1` on `eval.jobs`, followed through `evaluation.completed` to
/// `evaluation.finished`, then the trade-off table of what the evaluator measured.
struct SubmitEvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Queue an evaluation for lce-evaluator and print its trade-off table when it ends.",
        discussion: """
        The evaluator runs the variants of --base-model (a name under $LCE_HOME/models or a path it can read; default its own --model), adapters from $LCE_HOME/adapters/<name>, on the dataset named here: `bundled` (the bundled code-task eval split), a file under $LCE_HOME/datasets, or an absolute path it can read. Each variant's scores reach the metrics database through the metrics service. `lce eval` does the same work in this process instead.

        Examples:
          lce submit eval --variants base,lora.code,q4 --limit 20
          lce submit eval --base-model qwen.gguf --variants base,q8 --dataset humaneval.jsonl --metrics bleu,codebleu,latency --no-wait
        """)

    @Option(name: .customLong("base-model"), help: "The model whose variants are evaluated, by registry name or path (default: the evaluator's --model).")
    var baseModel: String?

    @Option(help: "Variants, comma-separated: base, merged, q8, q4, lora.<adapter>, qlora.<adapter>.")
    var variants: String

    @Option(help: "The model the 'merged' variant evaluates (see lce merge), by registry name or path.")
    var merged: String?

    @Option(help: "Tasks: 'bundled', a file under $LCE_HOME/datasets, or an absolute path (HumanEval-shaped JSONL).")
    var dataset = "bundled"

    @Option(help: "Comma-separated: bleu, codebleu, pass@k, perplexity, latency.")
    var metrics = "bleu,codebleu,pass@k,perplexity,latency"

    @OptionGroup var decoding: DecodingOptions

    @OptionGroup var experiment: ExperimentOptions

    @OptionGroup var submission: SubmissionOptions

    static let knownMetrics = ["bleu", "codebleu", "pass@k", "perplexity", "latency"]

    /// The job this invocation describes.
    func job(id: UUID = UUID()) throws -> EvalJob {
        EvalJob(id: id, variants: Self.list(variants), dataset: dataset, metrics: Self.list(metrics).map { $0.lowercased() },
                samplesPerTask: decoding.samplesPerTask, k: try decoding.ks(), maxTokens: decoding.maxTokens,
                temperature: decoding.temperature, limit: decoding.limit, experiment: experiment.experiment, baseModel: baseModel,
                mergedModel: merged)
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        if let unknown = Self.list(metrics).first(where: { !Self.knownMetrics.contains($0.lowercased()) }) {
            throw ValidationError("--metrics: '\(unknown)' is not one of \(Self.knownMetrics.joined(separator: ", "))")
        }
        do {
            try job().validate()
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() async throws {
        let job = try self.job()
        let submission = JobSubmission(options: submission, routingKey: Topology.RoutingKey.eval, queue: Topology.Queue.evalJobs,
                                       service: "lce-evaluator")
        switch try await submission.submit(job, follower: EvaluationFollower()) {
        case .some(.done(let (finished, results))):
            let rows = finished.evaluated.compactMap { variant in results.last { $0.variant == variant }.map(TradeOffTable.Row.init) }
            print(TradeOffTable.render(rows, unavailable: finished.unavailable.map { ($0.variant, $0.reason) }))
            print(String(format: "%d of %d variants evaluated in %.1f s (job %@)", finished.evaluated.count, job.variants.count,
                         finished.durationS, job.id.uuidString))
        case .some(.failed(let failure)):
            throw SubmitError("the evaluator failed job \(job.id): \(failure.error)")
        case nil:
            break
        }
    }
}

/// Collects an eval job's per-variant results, saying each as it arrives, until the job finishes or fails.
struct EvaluationFollower: JobFollower {
    private var results: [EvaluationResult] = []

    mutating func take(_ event: JobEvent) -> JobEnd<(EvaluationFinished, [EvaluationResult])>? {
        switch event {
        case .evaluationCompleted(let result):
            results.append(result)
            print("evaluated \(result.variant) on \(result.samples) tasks")
            fflush(stdout)
            return nil
        case .evaluationFinished(let finished):
            return .done((finished, results))
        case .failed(let failure):
            return .failed(failure)
        case .trainingStep, .adapterTrained:
            return nil
        }
    }
}

extension TradeOffTable.Row {
    /// The row of a variant's result as the evaluator published it.
    init(_ result: EvaluationResult) {
        self.init(variant: result.variant, sizeBytes: result.sizeBytes, peakRSSBytes: result.peakRssBytes,
                  timeToFirstTokenMs: result.timeToFirstTokenMs, tokensPerSecond: result.tokensPerSecond,
                  latencyP95Ms: result.latencyP95Ms, bleu: result.bleu, codeBLEU: result.codebleu, passAt1: result.passAtK?["pass@1"],
                  perplexity: result.perplexity, passAtK: result.passAtK ?? [:])
    }
}
