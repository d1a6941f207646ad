import ArgumentParser
import CBLAS
import Evaluation
import Foundation
import MetricsStore
import Models
import ServiceKit
import Tensor

/// `lce eval`: runs variants of a model side by side on the same tasks and prints the trade-off table.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate variants of a model side by side: quality, speed, memory and size.",
        discussion: """
        Every variant runs the same tasks with the same decoding settings (greedy by default): \
        BLEU and CodeBLEU against the canonical solutions, pass@1 by running the tests in the \
        sandbox (pass@k, unbiased, with --samples-per-task and --k), exact match, perplexity on the reference text, time to first token, tokens/s, \
        p95 latency, peak resident memory and size on disk. With DATABASE_URL set the results \
        are stored in the metrics database.

        Examples:
          lce eval --model ~/.cache/lce/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf --variants base,q8,q4 --limit 10
          lce eval --model ./model --dataset HumanEval.jsonl.gz --max-tokens 256 --json
          lce eval --variants base,q4 --temperature 0.8 --samples-per-task 10 --k 1,10
        """)

    @Option(help: "Base model: a .gguf file or a Hugging Face directory (default: the bundled model).")
    var model: String?

    @Option(help: "Variants, comma-separated: base, merged, q8, q4, lora.<adapter>, qlora.<adapter>.")
    var variants = "base,q8,q4"

    @Option(help: "A PEFT adapter directory; names bare 'lora' and 'qlora' variants (others: $LCE_HOME/adapters/<name>).")
    var adapter: String?

    @Option(help: "A model with the adapter merged in, evaluated as the 'merged' variant.")
    var merged: String?

    @Option(help: "HumanEval-shaped JSONL (plain or .gz) (default: the bundled code-task eval split).")
    var dataset: String?

    @OptionGroup var decoding: DecodingOptions

    @OptionGroup var experiment: ExperimentOptions

    @Option(help: "Threads for the engine's kernels (default: all cores).")
    var threads: Int?

    @Flag(name: .customLong("no-tests"), help: "Do not run the tasks' tests (no pass@1).")
    var noTests = false

    @Flag(help: "Print the results as JSON instead of the table.")
    var json = false

    @Option(help: "Also write the results, with every completion, as JSON to this file.")
    var save: String?

    func validate() throws {
        do {
            _ = try EvaluationVariant.parseList(variants, defaultAdapter: adapterName)
        } catch {
            throw ValidationError("--variants: \(error)")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        for (flag, path) in [("--model", model), ("--dataset", dataset), ("--adapter", adapter), ("--merged", merged)] {
            if let path, !FileManager.default.fileExists(atPath: path) {
                throw ValidationError("\(flag) \(path): no such file or directory")
            }
        }
    }

    /// The adapter's name: its directory's last component, lowercased to a variant-safe form.
    var adapterName: String? {
        adapter.map { URL(fileURLWithPath: $0).lastPathComponent.lowercased() }
    }

    /// The directory of every adapter the variants name: `--adapter` for its own name, the registry for the rest.
    func adapterDirectories(for variants: [EvaluationVariant], environment: ServiceEnvironment) -> [String: String] {
        var directories: [String: String] = [:]
        for variant in variants {
            switch variant {
            case .lora(let name), .qlora(let name):
                if let adapter, name == adapterName {
                    directories[name] = adapter
                } else {
                    directories[name] = URL(fileURLWithPath: environment.lceHome).appendingPathComponent("adapters")
                        .appendingPathComponent(name).path
                }
            default: break
            }
        }
        return directories
    }

    func run() async throws {
        if let threads { Threading.count = threads }
        let environment = ServiceEnvironment(amqpURL: nil, databaseURL: nil, lceHome: nil)
        let modelPath = model ?? BundledModel.path(environment: environment)
        let chosen = try EvaluationVariant.parseList(variants, defaultAdapter: adapterName)
        let tasks = try dataset.map { try EvaluationDataset.load(path: $0, limit: decoding.limit) }
            ?? EvaluationDataset.bundledEval(limit: decoding.limit)
        let settings = try decoding.settings(passAtK: !noTests)
        let evaluation = VariantEvaluation(modelPath: modelPath, mergedModelPath: merged,
                                           adapterDirectories: adapterDirectories(for: chosen, environment: environment),
                                           dataset: tasks, settings: settings, hardware: Self.hardware())
        let sandbox = noTests ? nil : try Sandbox(limits: SandboxLimits(timeLimit: settings.sandboxTimeLimit))

        let bar = ProgressBar(title: "eval", total: evaluation.progressTotal(variants: chosen))
        let progress = Progress(bar: bar)
        let results = try await evaluation.run(variants: chosen, sandbox: sandbox) { variant, done, _ in
            progress.update(done: done, variant: variant)
        }
        bar.finish()

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        if let save { try encoder.encode(results).write(to: URL(fileURLWithPath: save)) }
        if json {
            print(String(decoding: try encoder.encode(results), as: UTF8.self))
        } else {
            print(TradeOffTable.render(results))
            if let first = results.first {
                print("\ndataset \(tasks.name) (\(tasks.problems.count) tasks), \(decoding.description); "
                      + "\(first.hardware.cpuModel), \(first.hardware.threads) threads, \(first.hardware.blasKernel)")
            }
        }
        try await store(results)
    }

    /// Stores the rows and their samples when DATABASE_URL is set, and says so either way.
    func store(_ results: [VariantResult]) async throws {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else {
            FileHandle.standardError.write(Data("results not stored: DATABASE_URL is not set\n".utf8))
            return
        }
        let runID = UUID()
        var events: [MetricsEvent] = []
        for result in results where result.isAvailable {
            var record = try Self.record(result, runID: runID)
            if let name = experiment.experiment { record.setExperiment(named: name) }
            events.append(.evaluation(record))
            events += result.sampleResults.map { .evaluationSample(Self.sampleRecord($0, result: result, runID: runID)) }
        }
        let store = try await MetricsStore.connect(url)
        let summary = try await store.ingest(events)
        await store.close()
        FileHandle.standardError.write(Data("results stored: run \(runID) (\(summary))\n".utf8))
    }

    static func record(_ result: VariantResult, runID: UUID) throws -> EvaluationRecord {
        let profile = result.profile
        var record = EvaluationRecord(
            eventID: UUID(), runID: runID, model: URL(fileURLWithPath: result.model).lastPathComponent, variant: result.variant,
            dataset: result.dataset, samples: result.samples, bleu: result.bleu, codeBLEU: result.codeBLEU?.total,
            codeBLEUNgram: result.codeBLEU?.ngramMatch, codeBLEUWeightedNgram: result.codeBLEU?.weightedNgramMatch,
            codeBLEUSyntax: result.codeBLEU?.syntaxMatch, codeBLEUDataflow: result.codeBLEU?.dataflowMatch,
            passAt1: result.passAt1, exactMatch: result.exactMatch, perplexity: result.perplexity,
            ttftMilliseconds: profile?.timeToFirstTokenMs, timePerOutputTokenMilliseconds: profile?.timePerOutputTokenMs,
            latencyP50Milliseconds: profile?.latencyP50Ms, latencyP95Milliseconds: profile?.latencyP95Ms,
            latencyP99Milliseconds: profile?.latencyP99Ms, tokensPerSecond: profile?.tokensPerSecond,
            peakRSSBytes: profile?.peakRSSBytes, loadTimeMilliseconds: profile?.loadTimeMs, sizeBytes: profile?.sizeBytes,
            hardware: try PostgresJSON(encoding: result.hardware), configHash: result.configHash, evaluatedAt: Date())
        record.setPassAtK(result.passAtK)
        return record
    }

    static func sampleRecord(_ sample: SampleEvaluation, result: VariantResult, runID: UUID) -> EvaluationSampleRecord {
        EvaluationSampleRecord(
            eventID: UUID(), runID: runID, model: URL(fileURLWithPath: result.model).lastPathComponent, variant: result.variant,
            taskID: sample.taskID, sampleIndex: sample.sampleIndex, prompt: sample.prompt, reference: sample.reference, completion: sample.completion,
            bleu: sample.bleu, codeBLEU: sample.codeBLEU, exactMatch: sample.exactMatch,
            outcome: sample.outcome.flatMap { SampleOutcome(rawValue: $0.rawValue) }, outcomeDetail: sample.outcomeDetail,
            promptTokens: sample.timing.promptTokens, completionTokens: sample.timing.completionTokens,
            ttftMilliseconds: sample.timing.timeToFirstTokenSeconds.map { $0 * 1000 },
            latencyMilliseconds: sample.timing.totalSeconds * 1000, recordedAt: Date())
    }

    /// Hands progress from the generation thread to the bar, one update at a time.
    final class Progress: @unchecked Sendable {
        private let bar: ProgressBar
        private let lock = NSLock()

        init(bar: ProgressBar) { self.bar = bar }

        func update(done: Int, variant: String) {
            lock.withLock { bar.update(done: done, extra: variant) }
        }
    }

    /// This machine as the results record it.
    static func hardware() -> EvaluationHardware {
        let blas = openblas_get_config().map { String(cString: $0) } ?? "unknown BLAS"
        let fingerprint = HardwareFingerprint.current(threads: Threading.count, blasKernel: blas)
        return EvaluationHardware(cpuModel: fingerprint.cpuModel, isaFlags: fingerprint.isaFlags,
                                  logicalCPUs: fingerprint.logicalCPUs, threads: fingerprint.threads,
                                  blasKernel: fingerprint.blasKernel, architecture: fingerprint.architecture)
    }
}
