import ArgumentParser
import Foundation
import Logging
import Messaging
import ServiceKit

/// `lce submit`: hand work to the running services instead of doing it in this process.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Send a job to the running services (lce-trainer, lce-evaluator) and follow it to the end.",
        subcommands: [SubmitTrainCommand.self, SubmitEvalCommand.self])
}

/// The flags every `lce submit` job shares: where the broker is and how long to follow the job.
struct SubmissionOptions: ParsableArguments {
    @Option(name: .customLong("amqp-url"), help: "RabbitMQ URL (default: $AMQP_URL).")
    var amqpURL: String?

    @Flag(name: .customLong("no-wait"), help: "Print the job id and return once the broker has the job.")
    var noWait = false

    @Option(help: "Seconds to follow the job before giving up on watching (the job goes on).")
    var timeout = 3600.0

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }
}

/// Reads a submitted job's events and says when it has ended; it prints what the user should see on the way.
protocol JobFollower: Sendable {
    /// What the job ended with.
    associatedtype Outcome: Sendable
    /// Takes the job's next event; returns the outcome once the job has ended.
    mutating func take(_ event: JobEvent) -> Outcome?
}

/// How a followed job ended: with what its service made of it, or with the service's reason for failing it.
enum JobEnd<Done: Sendable>: Sendable {
    case done(Done)
    case failed(JobFailed)
}

/// Publishing a job and following it, the same for every kind of job.
struct JobSubmission {
    let options: SubmissionOptions
    /// The key of the job on `lce.jobs`, and the queue that key leads to.
    let routingKey: String
    let queue: String
    /// The service that consumes `queue`, for the note when none does.
    let service: String

    /// Publishes `job` (confirmed, mandatory) and follows it with `follower` unless `--no-wait`; nil when not followed
    /// to its end.
    func submit<Job: MessageContract, Follower: JobFollower>(_ job: Job, follower: Follower) async throws -> Follower.Outcome? {
        let url = try AMQPURL(parsing: try ServiceEnvironment(amqpURL: options.amqpURL).requireAMQPURL())
        var logger = Logger(label: "lce.submit")
        logger.logLevel = .error
        let connection = try await AMQPConnection.connect(to: url, name: "lce-submit", logger: logger)
        do {
            let outcome = try await submit(job, follower: follower, on: connection)
            await connection.close()
            return outcome
        } catch {
            await connection.close()
            throw error
        }
    }

    private func submit<Job: MessageContract, Follower: JobFollower>(_ job: Job, follower: Follower,
                                                                      on connection: AMQPConnection) async throws -> Follower.Outcome? {
        try await Topology().declare(on: connection)
        // Following starts before the job is out, so not even its first event can be missed.
        let watch = options.noWait ? nil : try await JobWatch.open(jobID: job.id, on: connection)
        let channel = try await connection.openChannel()
        try await channel.enableConfirms()
        try await channel.publish(try ContractCoder.encode(job), exchange: Topology.Exchange.jobs, routingKey: routingKey,
                                  properties: MessageProperties(messageID: job.id.uuidString, type: Job.schemaID, appID: "lce-submit"),
                                  mandatory: true)
        let waiting = try await channel.declareQueue(queue, passive: true)
        print("job \(job.id) queued on \(queue) (\(waiting.messageCount) waiting)")
        if waiting.consumerCount == 0 {
            print("note: no \(service) is consuming \(queue) now; the job waits until one starts")
        }
        fflush(stdout)
        await channel.close()
        guard let watch else { return nil }
        defer { Task { await watch.close() } }
        guard let outcome = try await follow(watch, with: follower) else {
            print("stopped watching after \(Int(options.timeout)) s; job \(job.id) goes on (lce.events says when it ends)")
            return nil
        }
        return outcome
    }

    /// Hands the job's events to `follower` until it has an outcome, or nil once `--timeout` has passed.
    private func follow<Follower: JobFollower>(_ watch: JobWatch, with follower: Follower) async throws -> Follower.Outcome? {
        let deadline = ContinuousClock.now + .milliseconds(Int64(options.timeout * 1000))
        return try await withThrowingTaskGroup(of: Follower.Outcome?.self) { group in
            group.addTask {
                var follower = follower
                for try await event in watch.events {
                    if let outcome = follower.take(event) { return outcome }
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
