import ArgumentParser

/// The `lce` command: every user-facing job of the evaluator, in-process.
@main
struct LCE: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lce",
        abstract: "LLM Compression Trade-off Evaluator: measure what compressing a code model costs and buys.",
        discussion: """
        Examples:
          lce hardware                 # the machine fingerprint stored with every result
          lce db migrate               # apply the metrics database migrations
        """,
        subcommands: [HardwareCommand.self, DatabaseCommand.self]
    )
}
