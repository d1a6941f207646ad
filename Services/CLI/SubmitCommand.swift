import ArgumentParser
import Foundation
import Logging
import Messaging
import ServiceKit

/// `lce submit`: hand work to the running services instead of doing it in this process.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Send a job to the running services (lce-trainer) and follow it to the end.",
        subcommands: [SubmitTrainCommand.self])
}

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

    @Option(name: .customLong("amqp-url"), help: "RabbitMQ URL (default: $AMQP_URL).")
    var amqpURL: String?

    @Option(name: .customLong("base-model"), help: "The base model, by registry name or path.")
    var baseModel = "default"

    @Option(help: "Training data (JSONL), by registry name or path.")
    var dataset: String

    @Option(help: "The adapter's name: its directory in the registry and the lora.<adapter> variant.")
    var adapter: String

    @OptionGroup var tuning: FineTuningOptions

    @Option(help: "Experiment name in the metrics store.")
    var experiment: String?

    @Flag(name: .customLong("no-wait"), help: "Print the job id and return once the broker has the job.")
    var noWait = false

    @Option(help: "Seconds to follow the job before giving up on watching (the job goes on).")
    var timeout = 3600.0

    /// The job this invocation describes.
    func job(id: UUID = UUID()) -> TrainJob {
        TrainJob(id: id, baseModel: baseModel, adapterName: adapter, dataset: dataset, method: tuning.method, lora: tuning.loraSettings,
                 hyperparameters: tuning.hyperparameters, experiment: experiment)
    }

    func validate() throws {
        do {
            try job().validate()
        } catch {
            throw ValidationError("\(error)")
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func run() async throws {
        let url = try AMQPURL(parsing: try ServiceEnvironment(amqpURL: amqpURL).requireAMQPURL())
        var logger = Logger(label: "lce.submit")
        logger.logLevel = .error
        let connection = try await AMQPConnection.connect(to: url, name: "lce-submit", logger: logger)
        do {
            try await submitAndFollow(on: connection)
            await connection.close()
        } catch {
            await connection.close()
            throw error
        }
    }

    private func submitAndFollow(on connection: AMQPConnection) async throws {
        let job = self.job()
        try await Topology().declare(on: connection)
        // Following starts before the job is out, so not even its first step can be missed.
        let watch = noWait ? nil : try await JobWatch.open(jobID: job.id, on: connection)
        let channel = try await connection.openChannel()
        try await channel.enableConfirms()
        try await channel.publish(try ContractCoder.encode(job), exchange: Topology.Exchange.jobs, routingKey: Topology.RoutingKey.train,
                                  properties: MessageProperties(messageID: job.id.uuidString, type: TrainJob.schemaID, appID: "lce-submit"),
                                  mandatory: true)
        let queue = try await channel.declareQueue(Topology.Queue.trainJobs, passive: true)
        print("job \(job.id) queued on \(Topology.Queue.trainJobs) (\(queue.messageCount) waiting)")
        if queue.consumerCount == 0 {
            print("note: no lce-trainer is consuming \(Topology.Queue.trainJobs) now; the job waits until one starts")
        }
        fflush(stdout)
        await channel.close()
        guard let watch else { return }
        defer { Task { await watch.close() } }
        switch try await follow(watch) {
        case .some(.adapterTrained(let done)):
            print(String(format: "adapter %@ written to %@: %d steps in %.1f s, final loss %.4f, %@",
                         done.adapterName, done.path, done.steps, done.durationS, done.finalLoss,
                         ByteCountFormatter.string(fromByteCount: done.sizeBytes, countStyle: .file)))
        case .some(.failed(let failure)):
            throw SubmitError("the trainer failed job \(job.id): \(failure.error)")
        default:
            print("stopped watching after \(Int(timeout)) s; job \(job.id) goes on (lce.events says when it ends)")
        }
    }

    /// Prints the job's steps until it ends or `timeout` passes; returns the ending event, or nil.
    private func follow(_ watch: JobWatch) async throws -> JobEvent? {
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        return try await withThrowingTaskGroup(of: JobEvent?.self) { group in
            group.addTask {
                // A line a second at most: the trainer reports every step, and how many there will be is its to know.
                var lastLine = ContinuousClock.now - .seconds(10)
                for try await event in watch.events {
                    switch event {
                    case .trainingStep(let step):
                        guard lastLine.duration(to: .now) >= .seconds(1) else { continue }
                        print(String(format: "step %d  epoch %.2f  loss %.4f  lr %.2e", step.step, step.epoch, step.loss, step.learningRate)
                              + (step.tokensPerSecond.map { String(format: "  %.0f tokens/s", $0) } ?? ""))
                        fflush(stdout)
                        lastLine = .now
                    case .adapterTrained, .failed:
                        return event
                    case .evaluationCompleted:
                        continue
                    }
                }
                return nil
            }
            group.addTask {
                try await Task.sleep(until: deadline)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }
}

/// A failure `lce submit` reports as its message alone.
struct SubmitError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
