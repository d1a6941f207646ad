import ArgumentParser
import Foundation
import Logging
import Messaging
import ServiceKit

/// `lce dead`: what went to `dead.letters`, and why.
struct DeadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead",
        abstract: "Inspect, retry or drop dead-lettered messages (the dead.letters queue).",
        discussion: """
        A message that could not be decoded or validated, or that kept crashing its consumer, is moved to dead.letters with the reason. `list` reads without removing; `retry` publishes messages again where they came from (after a fix); `drop` removes them.

        Examples:
          lce dead list
          lce dead list --json --limit 1000 | jq -r .reason
          lce dead retry --id 7b0c6a2e-5d1f-4c3b-9a8e-2f4d6c8b0a1e
          lce dead drop --all
        """,
        subcommands: [DeadListCommand.self, DeadRetryCommand.self, DeadDropCommand.self],
        defaultSubcommand: DeadListCommand.self)
}

/// Flags the `lce dead` commands share.
struct DeadLetterOptions: ParsableArguments {
    @Option(name: .customLong("amqp-url"), help: "RabbitMQ URL (default: $AMQP_URL).")
    var amqpURL: String?

    @Option(help: "Read at most this many messages from the head of the queue.")
    var limit = 100

    @Option(help: "The dead-letter queue.")
    var queue = Topology.Queue.deadLetters

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1, got \(limit)") }
    }

    /// Connects, runs `body` on the queue, and closes the connection whatever happens.
    func withQueue<T>(_ body: (DeadLetterQueue) async throws -> T) async throws -> T {
        let url = try AMQPURL(parsing: try ServiceEnvironment(amqpURL: amqpURL).requireAMQPURL())
        var logger = Logger(label: "lce.dead")
        logger.logLevel = .error
        let connection = try await AMQPConnection.connect(to: url, name: "lce-dead", logger: logger)
        do {
            let result = try await body(DeadLetterQueue(connection: connection, queue: queue))
            await connection.close()
            return result
        } catch MessagingError.channelClosed(code: 404, _) {
            await connection.close()
            throw DeadLetterCommandError("no queue '\(queue)' on the broker (nothing was ever dead-lettered there, or the topology is not declared)")
        } catch {
            await connection.close()
            throw error
        }
    }
}

/// `lce dead list`.
struct DeadListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show dead-lettered messages with why and where from; they stay in the queue.",
        discussion: """
        Example:
          lce dead list --limit 20
          lce dead list --json | jq 'select(.queue == "generate.requests")'
        """)

    @OptionGroup var options: DeadLetterOptions

    @Flag(help: "One JSON object per message (with the body) instead of a table.")
    var json = false

    func run() async throws {
        let outcome = try await options.withQueue { try await $0.list(limit: options.limit) }
        if json {
            for letter in outcome.letters { print(DeadLetterView(letter).jsonLine) }
            return
        }
        print(DeadLetterView.table(outcome.letters, total: outcome.total, queue: options.queue))
    }
}

/// Selects messages by id, or all of them.
struct DeadLetterSelection: ParsableArguments {
    @Option(name: .customLong("id"), help: "A message id to act on (repeatable).")
    var ids: [String] = []

    @Flag(help: "Act on every message read (up to --limit).")
    var all = false

    func validate() throws {
        if ids.isEmpty == !all { throw ValidationError("name the messages with --id (repeatable) or pass --all, not both") }
    }

    var predicate: @Sendable (DeadLetter) -> Bool {
        let (all, ids) = (all, Set(ids))
        return { letter in all || letter.messageID.map(ids.contains) == true }
    }
}

/// `lce dead retry`.
struct DeadRetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Publish dead-lettered messages again to the exchange and routing key they first went to, then remove them.",
        discussion: """
        Each is confirmed by the broker before it leaves dead.letters. A message whose routing key no queue is bound for now (its workers are gone) stays and is listed.

        Example:
          lce dead retry --id 7b0c6a2e-5d1f-4c3b-9a8e-2f4d6c8b0a1e
          lce dead retry --all --limit 500
        """)

    @OptionGroup var options: DeadLetterOptions
    @OptionGroup var selection: DeadLetterSelection

    func run() async throws {
        let outcome = try await options.withQueue { try await $0.settle(.retry, limit: options.limit, selecting: selection.predicate) }
        print("retried \(outcome.settled) of \(outcome.letters.count) messages read (\(outcome.total) were in \(options.queue))")
        for letter in outcome.unroutable {
            print("  kept \(letter.messageID ?? "(no id)"): no queue is bound for '\(letter.originalRoutingKey)' on '\(letter.originalExchange)'")
        }
        DeadLetterSelection.reportMissing(selection.ids, in: outcome)
    }
}

/// `lce dead drop`.
struct DeadDropCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop",
        abstract: "Remove dead-lettered messages for good.",
        discussion: """
        Example:
          lce dead drop --id 7b0c6a2e-5d1f-4c3b-9a8e-2f4d6c8b0a1e
          lce dead drop --all
        """)

    @OptionGroup var options: DeadLetterOptions
    @OptionGroup var selection: DeadLetterSelection

    func run() async throws {
        let outcome = try await options.withQueue { try await $0.settle(.drop, limit: options.limit, selecting: selection.predicate) }
        print("dropped \(outcome.settled) of \(outcome.letters.count) messages read (\(outcome.total) were in \(options.queue))")
        DeadLetterSelection.reportMissing(selection.ids, in: outcome)
    }
}

extension DeadLetterSelection {
    /// Says which requested ids were not among the messages read.
    static func reportMissing(_ ids: [String], in outcome: DeadLetterQueue.Outcome) {
        let seen = Set(outcome.letters.compactMap(\.messageID))
        let missing = ids.filter { !seen.contains($0) }
        if !missing.isEmpty {
            print("not found among the messages read: \(missing.joined(separator: ", ")) (raise --limit to read further)")
        }
    }
}

/// A failure of an `lce dead` command, printed as its message alone.
struct DeadLetterCommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
