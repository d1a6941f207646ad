import Evaluation
import Testing
@testable import CLI

/// `lce eval`'s decoding flags, which `lce submit eval` shares.
struct EvalCommandTests {
    @Test func decodingFlagsBecomeTheComparisonSettings() throws {
        let command = try EvalCommand.parse(["--limit", "5", "--max-tokens", "64", "--temperature", "0.8", "--samples-per-task", "10",
                                             "--k", "1,10"])
        let settings = try command.decoding.settings(passAtK: true)
        #expect(command.decoding.limit == 5)
        #expect(settings.maxTokens == 64 && settings.temperature == 0.8 && settings.samplesPerTask == 10 && settings.passAtKValues == [1, 10])
        #expect(command.decoding.description == "temperature 0.8, 10 per task, max 64 tokens")
        // --samples, the flag's earlier name, still limits the tasks.
        #expect(try EvalCommand.parse(["--samples", "3"]).decoding.limit == 3)
        #expect(try EvalCommand.parse([]).decoding.description == "greedy, max 128 tokens")
    }

    @Test func everyCommandThatStoresARunTakesAnExperiment() throws {
        #expect(try EvalCommand.parse(["--experiment", "qwen-sql"]).experiment.experiment == "qwen-sql")
        #expect(try TrainCommand.parse(["--output", "/tmp/x", "--experiment", "qwen-sql"]).experiment.experiment == "qwen-sql")
        #expect(try SubmitTrainCommand.parse(["--dataset", "d", "--adapter", "a", "--experiment", "x"]).job().experiment == "x")
        #expect(try SubmitEvalCommand.parse(["--variants", "base", "--experiment", "x"]).job().experiment == "x")
        #expect(throws: (any Error).self) { try EvalCommand.parse(["--experiment", "  "]) }
        #expect(throws: (any Error).self) { try TrainCommand.parse(["--output", "/tmp/x", "--experiment", String(repeating: "x", count: 201)]) }
    }

    @Test func settingsNoRunCouldUseAreRefusedAtParse() {
        for arguments in [["--limit", "0"], ["--samples-per-task", "3"], ["--temperature", "0.5", "--samples-per-task", "3", "--k", "5"],
                          ["--k", "one"], ["--max-tokens", "0"], ["--temperature", "-0.1"]] {
            #expect(throws: (any Error).self, "\(arguments)") { try EvalCommand.parse(arguments) }
        }
    }
}
