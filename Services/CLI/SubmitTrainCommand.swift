import ArgumentParser
import Foundation
import Messaging

/// `lce submit train`: a `lce.train.job/v1` on `train.jobs`, followed through `training.step` and `adapter.trained`.
struct SubmitTrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Queue a fine-tuning job for lce-trainer and show its progress until the adapter is written.",
        discussion: """
        The model and dataset are names in the trainer's registry ($LCE_HOME/models/<name>, $LCE_HOME/datasets/<name>) or paths it can read. The adapter goes to $LCE_HOME/adapters/<adapter>, and lora.<adapter> workers reload it when it is written. `lce train` does the same work in this process instead.

        Examples:
          lce submit train --dataset lce-code-tasks-train.jsonl --adapter code --max-steps 100
          lce submit train --base-model qwen.gguf --dataset mine.jsonl --adapter mine --method qlora --no-wait
        """)

    @Option(name: .customLong("base-model"), help: "The base model, by registry name or path.")
    var baseModel = "default"

    @Option(help: "Training data (JSONL), by registry name or path.")
    var dataset: String

    @Option(help: "The adapter's name: its directory in the registry and the lora.<adapter> variant.")
    var adapter: String

    @OptionGroup var tuning: FineTuningOptions

    @OptionGroup var experiment: ExperimentOptions

    @OptionGroup var submission: SubmissionOptions

    /// The job this invocation describes.
    func job(id: UUID = UUID()) -> TrainJob {
        TrainJob(id: id, baseModel: baseModel, adapterName: adapter, dataset: dataset, method: tuning.method, lora: tuning.loraSettings,
                 hyperparameters: tuning.hyperparameters, experiment: experiment.experiment)
    }

    func validate() throws {
        do {
            try job().validate()
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() async throws {
        let job = self.job()
        let submission = JobSubmission(options: submission, routingKey: Topology.RoutingKey.train, queue: Topology.Queue.trainJobs,
                                       service: "lce-trainer")
        switch try await submission.submit(job, follower: TrainingFollower()) {
        case .some(.done(let done)):
            print(String(format: "adapter %@ written to %@: %d steps in %.1f s, final loss %.4f, %@",
                         done.adapterName, done.path, done.steps, done.durationS, done.finalLoss,
                         ByteCountFormatter.string(fromByteCount: done.sizeBytes, countStyle: .file)))
        case .some(.failed(let failure)):
            throw SubmitError("the trainer failed job \(job.id): \(failure.error)")
        case nil:
            break
        }
    }
}

/// Prints a training job's steps, a line a second at most (the trainer reports every step), until the adapter is
/// written or the job fails.
struct TrainingFollower: JobFollower {
    private var lastLine = ContinuousClock.now - .seconds(10)

    mutating func take(_ event: JobEvent) -> JobEnd<AdapterTrained>? {
        switch event {
        case .trainingStep(let step):
            guard lastLine.duration(to: .now) >= .seconds(1) else { return nil }
            print(String(format: "step %d  epoch %.2f  loss %.4f  lr %.2e", step.step, step.epoch, step.loss, step.learningRate)
                  + (step.tokensPerSecond.map { String(format: "  %.0f tokens/s", $0) } ?? ""))
            fflush(stdout)
            lastLine = .now
            return nil
        case .adapterTrained(let done):
            return .done(done)
        case .failed(let failure):
            return .failed(failure)
        case .evaluationCompleted, .evaluationFinished:
            return nil
        }
    }
}
