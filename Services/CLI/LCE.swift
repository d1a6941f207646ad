import ArgumentParser

/// The `lce` command: every user-facing job of the evaluator, in-process.
@main
struct LCE: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lce",
        abstract: "LLM Compression Trade-off Evaluator: measure what compressing a code model costs and buys.",
        discussion: """
        Examples:
          lce generate --model Deploy/models/default "def reverse_string(s):"
          lce quantize --model Deploy/models/default --format q4 --output /tmp/default-q4.gguf
          lce train --model Deploy/models/default --output ~/.lce/adapters/code-tasks
          lce eval --model Deploy/models/default --variants base,q8,q4
          lce db migrate               # apply the metrics database migrations
          lce dead list                # dead-lettered messages and why
          lce submit train --dataset data.jsonl --adapter code   # a job for the running lce-trainer
          lce hardware                 # the machine fingerprint stored with every result
        """,
        subcommands: [
            GenerateCommand.self, QuantizeCommand.self, TrainCommand.self, MergeCommand.self, PretrainCommand.self,
            EvalCommand.self, ScoreCommand.self, PassAtKCommand.self, DatabaseCommand.self, DeadCommand.self, SubmitCommand.self, HardwareCommand.self,
        ]
    )
}
