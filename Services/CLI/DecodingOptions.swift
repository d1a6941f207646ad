import ArgumentParser
import Evaluation

/// The flags `lce eval` and `lce submit eval` share: which tasks, how many tokens, how completions are drawn and
/// which pass@k estimates are made.
struct DecodingOptions: ParsableArguments {
    @Option(name: [.customLong("limit"), .customLong("samples")], help: "Evaluate only the first N tasks.")
    var limit: Int?

    @Option(name: .customLong("max-tokens"), help: "The most new tokens per completion.")
    var maxTokens = 128

    @Option(help: "Sampling temperature (0: greedy, the prototype's decoding).")
    var temperature = 0.0

    @Option(name: .customLong("samples-per-task"), help: "Completions drawn per task (n of pass@k); above 1 needs --temperature above 0.")
    var samplesPerTask = 1

    @Option(help: "The k values of pass@k, comma-separated, each at most --samples-per-task.")
    var k = "1"

    /// The k values `--k` names.
    func ks() throws -> [Int] {
        try ComparisonSettings.passAtKValues(parsing: k)
    }

    /// The comparison settings the flags describe; `passAtK` says whether the tasks' tests run.
    func settings(passAtK: Bool) throws -> ComparisonSettings {
        ComparisonSettings(maxTokens: maxTokens, temperature: temperature, passAtK: passAtK, samplesPerTask: samplesPerTask,
                           passAtKValues: try ks())
    }

    /// How completions are drawn, for the line under a table.
    var description: String {
        (temperature == 0 ? "greedy" : "temperature \(temperature), \(samplesPerTask) per task") + ", max \(maxTokens) tokens"
    }

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, got \(limit)") }
        do {
            try settings(passAtK: true).validate()
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
