import ArgumentParser
import Foundation
import ServiceKit
import Training

/// `lce pretrain`: trains the tokenizer and a small code model from scratch on Python source.
struct PretrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pretrain",
        abstract: "Pre-train a small LLaMA-style Python code model and its BPE tokenizer from scratch.",
        discussion: """
        Trains a byte-level BPE tokenizer and then every parameter of a new model on the Python files under --corpus (default: the system Python's standard library, PSF-licensed), and writes a Hugging Face model directory (config.json, model.safetensors, tokenizer.json, README.md, training_report.json). A checkpoint and a loadable model are written every --checkpoint-every steps; --resume continues one.

        Example (the bundled default model):
          lce pretrain --output Deploy/models/default --steps 1500 --threads 2
        """)

    @Option(help: "Directory to write the model into.")
    var output: String
    @Option(help: "Directory of Python sources (default: the system Python's standard library).")
    var corpus: String?
    @Option(name: .customLong("vocab-size"), help: "Tokenizer vocabulary size.")
    var vocabSize = 8192
    @Option(help: "Decoder layers.")
    var layers = 4
    @Option(help: "Model width.")
    var hidden = 256
    @Option(help: "Attention heads.")
    var heads = 8
    @Option(help: "Tokens per sequence (the model's context length).")
    var context = 256
    @Option(help: "Optimizer steps.")
    var steps = 1000
    @Option(name: .customLong("batch-size"), help: "Sequences per step.")
    var batchSize = 16
    @Option(help: "Peak learning rate (warmup, then cosine decay).")
    var lr = 3e-3
    @Option(help: "Linear warmup steps.")
    var warmup = 50
    @Option(help: "Seed of the split, the initialisation and the data order.")
    var seed: UInt64 = 0
    @Option(help: "Threads (default: all processors).")
    var threads: Int?
    @Option(name: .customLong("eval-every"), help: "Validation loss every N steps.")
    var evalEvery = 100
    @Option(name: .customLong("eval-sequences"), help: "Validation sequences per evaluation (0: all).")
    var evalSequences = 64
    @Option(name: .customLong("checkpoint-every"), help: "Checkpoint (and write the model) every N steps (0: never).")
    var checkpointEvery = 100
    @Option(name: .customLong("stop-after"), help: "Stop after N steps, leaving a checkpoint to --resume from.")
    var stopAfter: Int?
    @Flag(help: "Continue from the checkpoint in --output.")
    var resume = false

    func run() throws {
        var options = PretrainingOptions()
        options.corpusRoot = corpus
        options.vocabularySize = vocabSize
        options.layers = layers
        options.hidden = hidden
        options.heads = heads
        options.context = context
        options.steps = steps
        options.batchSize = batchSize
        options.learningRate = lr
        options.warmupSteps = warmup
        options.seed = seed
        options.threads = threads
        options.evaluationInterval = evalEvery
        options.evaluationSequences = evalSequences
        options.checkpointInterval = checkpointEvery
        options.stopAfterSteps = stopAfter
        // Every setting spelled out, so the model card's command reproduces the run whatever the defaults become.
        var command = "lce pretrain --output \(output)" + (corpus.map { " --corpus \($0)" } ?? "")
        command += " --vocab-size \(vocabSize) --layers \(layers) --hidden \(hidden) --heads \(heads) --context \(context)"
        command += " --steps \(steps) --batch-size \(batchSize) --lr \(lr) --warmup \(warmup) --seed \(seed)"
        command += (threads.map { " --threads \($0)" } ?? "") + " --eval-every \(evalEvery) --eval-sequences \(evalSequences)"
        command += stopAfter.map { " --stop-after \($0)" } ?? ""
        var bar: ProgressBar?
        let report = try PretrainingJob.run(options: options, outputDirectory: URL(fileURLWithPath: output), command: command,
                                            resume: resume) { event in
            switch event {
            case .tokenizer(.merging(let done, let target)) where done == target:
                print("tokenizer: \(done) merges learned")
            case .tokenizer:
                break
            case .tokenizing(let split, let files, let total) where files == total:
                print("tokenized \(split): \(files) files")
            case .tokenizing:
                break
            case .trained(let step, let total, let rate, _):
                if bar == nil { bar = ProgressBar(title: "pretrain", total: total) }
                bar?.update(done: step.step, extra: String(format: "loss %.3f lr %.2e %.0f tok/s", step.loss, step.learningRate, rate))
            case .evaluated(let step, let loss):
                // On a terminal the bar's line is open: end it so the figure gets its own line.
                let lead = isatty(STDERR_FILENO) == 1 ? "\n" : ""
                FileHandle.standardError.write(Data(String(format: "%@step %d: validation loss %.4f\n", lead, step, loss).utf8))
            case .checkpointed(let step):
                print("checkpoint and model written at step \(step)")
            case .resumed(let step):
                print("resumed after step \(step)")
            }
        }
        print(String(format: "params %d, tokens seen %d, train loss %.4f, validation loss %.4f (untrained %.4f), %.1f min, %.0f tok/s -> %@",
                     report.parameters, report.tokensSeen, report.finalTrainLoss, report.finalValidationLoss,
                     report.initialValidationLoss, report.trainingSeconds / 60, report.tokensPerSecond, output))
    }
}
