import ArgumentParser
import Evaluation
import Foundation
import MetricsStore
import ServiceKit
import Tensor
import Training

/// `lce train`: LoRA, QLoRA or full fine-tuning in this process, with a progress bar.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Fine-tune a model on a JSONL dataset: LoRA, QLoRA (4-bit base) or every weight.",
        discussion: """
        The data is JSONL of {"prompt", "completion"} records (or HumanEval-shaped ones, whose canonical_solution is the completion); the loss scores completion tokens only. A seeded share of the records (--held-out) is kept aside for the evaluation loss. LoRA and QLoRA write a PEFT adapter (adapter_config.json, adapter_model.safetensors); full fine-tuning writes a Hugging Face model directory. --save-every writes DIR/checkpoint-N, which --resume continues exactly. Without --model the bundled model is trained; without --data, the bundled code-task train split (written to $LCE_HOME/datasets/lce-code-tasks-train.jsonl). With DATABASE_URL set, the run and every step are stored in the metrics database.

        Examples:
          lce train --output ~/.lce/adapters/code --max-steps 60
          lce train --model ~/.lce/models/default --data train.jsonl --output adapters/code
          lce train --model qwen.gguf --data train.jsonl --output adapters/q --method qlora --r 16 --eval-every 20
          lce train --model base --data train.jsonl --output adapters/code --resume adapters/code/checkpoint-40
        """)

    @Option(help: "Base model: a Hugging Face directory or a .gguf file (LLaMA/Qwen2) (default: the bundled model).")
    var model: String?

    @Option(help: "Training data, JSONL (default: the bundled code-task train split).")
    var data: String?

    @Option(help: "Output directory (the adapter, or the model for --method full).")
    var output: String

    @OptionGroup var tuning: FineTuningOptions

    @OptionGroup var experiment: ExperimentOptions

    @Option(name: .customLong("held-out"), help: "Fraction of the records held out for the evaluation loss.")
    var heldOut: Double = 0.1

    @Option(name: .customLong("eval-every"), help: "Held-out loss every N steps (0: before and after training only).")
    var evalEvery: Int = 0

    @Option(name: .customLong("save-every"), help: "Checkpoint every N steps into OUTPUT/checkpoint-N (0: none).")
    var saveEvery: Int = 0

    @Option(help: "Resume from a checkpoint directory written by --save-every.")
    var resume: String?

    @Flag(name: .customLong("if-missing"), help: "Do nothing when --output already holds a trained adapter (or model, for full).")
    var ifMissing = false

    @Option(help: "Threads for the engine's kernels (default: all cores).")
    var threads: Int?

    /// The job these options describe.
    func spec() throws -> TrainingJobSpec {
        guard let parsed = TrainingMethod(rawValue: tuning.method) else {
            throw ValidationError("--method must be lora, qlora or full, got \(tuning.method)")
        }
        let environment = ServiceEnvironment(amqpURL: nil, databaseURL: nil, lceHome: nil)
        var spec = TrainingJobSpec(modelPath: Self.expand(model ?? BundledModel.path(environment: environment)),
                                   dataPath: Self.expand(data ?? Self.bundledDataPath(environment: environment)),
                                   outputDirectory: Self.expand(output), method: parsed)
        tuning.apply(to: &spec)
        spec.heldOutFraction = heldOut
        spec.evalEvery = evalEvery
        spec.saveEvery = saveEvery
        spec.resumeFrom = resume.map(Self.expand)
        if let problem = spec.problem { throw ValidationError(problem) }
        return spec
    }

    func validate() throws {
        _ = try spec()
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    /// Where the bundled train split is written when no --data is given.
    static func bundledDataPath(environment: ServiceEnvironment) -> String {
        environment.lceHome + "/datasets/lce-code-tasks-train.jsonl"
    }

    /// Writes the bundled code-task train split as prompt/completion JSONL (the same content every time).
    static func writeBundledData(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try JSONLWriter.write(CodeTaskDataset.generate().trainingPairs, to: url)
    }

    func run() async throws {
        if let threads { Threading.count = threads }
        let marker = tuning.method == TrainingMethod.full.rawValue ? "config.json" : AdapterConfig.fileName
        if ifMissing, FileManager.default.fileExists(atPath: Self.expand(output) + "/" + marker) {
            print("\(output) already holds a trained \(tuning.method == "full" ? "model" : "adapter"); nothing to do (--if-missing)")
            return
        }
        if data == nil {
            let environment = ServiceEnvironment(amqpURL: nil, databaseURL: nil, lceHome: nil)
            try Self.writeBundledData(to: Self.bundledDataPath(environment: environment))
        }
        let job = try spec()
        let runID = UUID(), startedAt = Date()
        var steps: [TrainingStepRecord] = []
        var bar: ProgressBar?
        var lastEval: Float?
        var line = ""
        let result: TrainingJobResult
        do {
            result = try TrainingJobRunner(spec: job).run(observe: { event in
                switch event {
                case .prepared(let data):
                    print("train \(job.method.rawValue): \(data.trainExamples) examples (\(data.heldOutExamples) held out, "
                          + "\(data.truncatedExamples) truncated, \(data.droppedRecords) dropped), \(data.totalSteps) steps, "
                          + "\(data.trainableParameters) trainable parameters")
                    bar = ProgressBar(title: "train", total: data.totalSteps)
                case .resumed(let step, let directory):
                    print("resumed at step \(step) from \(directory)")
                    bar?.update(done: step)
                case .evaluated(let step, let loss):
                    lastEval = loss
                    if step == 0 { print(String(format: "held-out loss before training %.4f", loss)) }
                case .checkpointed:
                    break
                case .step(let report):
                    steps.append(TrainingStepRecord(
                        eventID: UUID(), runID: runID, step: report.step.step, epoch: report.epoch, loss: Double(report.step.loss),
                        learningRate: report.step.learningRate, tokensPerSecond: report.tokensPerSecond,
                        gradNorm: Double(report.step.gradientNorm), recordedAt: Date()))
                    line = String(format: "loss %.4f", report.step.loss)
                    if let lastEval { line += String(format: " eval %.4f", lastEval) }
                    line += String(format: " %.0f tok/s lr %.2e", report.tokensPerSecond, report.step.learningRate)
                    bar?.update(done: report.step.step, extra: line)
                }
            })
        } catch {
            // A failure of the run itself, not of the command line: say what went wrong, without the usage text.
            FileHandle.standardError.write(Data("lce train: \(error)\n".utf8))
            throw ExitCode.failure
        }
        bar?.finish(extra: line)
        print(String(format: "%d steps in %@, %.0f tokens/s; final training loss %.4f", result.steps,
                     ProgressBar.formatDuration(result.durationSeconds), result.tokensPerSecond, result.finalTrainLoss))
        if let before = result.initialEvalLoss, let after = result.finalEvalLoss {
            print(String(format: "held-out loss %.4f -> %.4f", before, after))
        }
        print("wrote \(result.outputDirectory) (\(result.sizeBytes) bytes)")
        var run = TrainingRunRecord(
            id: runID, model: URL(fileURLWithPath: job.modelPath).lastPathComponent,
            adapter: URL(fileURLWithPath: job.outputDirectory).lastPathComponent, method: job.method.rawValue,
            config: try? PostgresJSON(encoding: TrainingRunConfig(job)), status: .completed, startedAt: startedAt, finishedAt: Date(),
            steps: result.steps, finalLoss: Double(result.finalEvalLoss ?? result.finalTrainLoss), trainSeconds: result.durationSeconds,
            peakRSSBytes: Int64(ResourceUsage.peakResidentBytes()), adapterSizeBytes: result.sizeBytes)
        if let name = experiment.experiment { run.setExperiment(named: name) }
        try await Self.store(run: run, steps: steps)
    }

    /// Stores the run and its steps when DATABASE_URL is set, and says so either way.
    static func store(run: TrainingRunRecord, steps: [TrainingStepRecord]) async throws {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else {
            FileHandle.standardError.write(Data("training run not stored: DATABASE_URL is not set\n".utf8))
            return
        }
        let store = try await MetricsStore.connect(url)
        let summary = try await store.ingest([.trainingRun(run)] + steps.map { .trainingStep($0) })
        await store.close()
        FileHandle.standardError.write(Data("training run stored: \(run.id) (\(summary))\n".utf8))
    }

    /// The settings a stored run keeps, so two runs can be told apart in SQL.
    struct TrainingRunConfig: Encodable {
        var method: String, rank: Int, alpha: Double, dropout: Double, learningRate: Double, epochs: Int, batchSize: Int
        var gradientAccumulation: Int, maxLength: Int, maxSteps: Int?, seed: UInt64, data: String

        init(_ job: TrainingJobSpec) {
            method = job.method.rawValue; rank = job.rank; alpha = job.alpha; dropout = job.dropout
            learningRate = job.learningRate; epochs = job.epochs; batchSize = job.batchSize
            gradientAccumulation = job.gradientAccumulation; maxLength = job.maxLength; maxSteps = job.maxSteps
            seed = job.seed; data = URL(fileURLWithPath: job.dataPath).lastPathComponent
        }
    }

    /// `path` with a leading ~ expanded.
    static func expand(_ path: String) -> String {
        (path as NSString).expandingTildeInPath
    }
}
