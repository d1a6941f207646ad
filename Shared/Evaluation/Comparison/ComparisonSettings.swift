import Models

/// The decoding and scoring settings every variant of one comparison shares; their hash goes with every result.
public struct ComparisonSettings: Sendable, Equatable, Codable {
    /// The most new tokens per completion (the prototype used 128).
    public var maxTokens: Int
    /// Sampling temperature; 0 is greedy decoding (the prototype's).
    public var temperature: Double
    /// Top-k filter; 0 keeps all tokens.
    public var topK: Int
    /// Top-p filter; 1 keeps all tokens.
    public var topP: Double
    /// Sampler seed.
    public var seed: UInt64
    /// Text that ends a completion: by default the stops of the Codex paper, which end a function body at the next top-level statement.
    public var stopSequences: [String]
    /// Whether completions run against their tests in the sandbox (pass@k).
    public var passAtK: Bool
    /// Completions drawn per task (n of pass@k); more than one needs a temperature above 0.
    public var samplesPerTask: Int {
        get { drawnPerTask ?? 1 }
        set { drawnPerTask = newValue == 1 ? nil : newValue }
    }
    /// The k values pass@k is reported for, each at most `samplesPerTask`.
    public var passAtKValues: [Int] {
        get { reportedKs ?? [1] }
        set { reportedKs = newValue == [1] ? nil : newValue }
    }
    // Stored only when not the default, so the configuration hashes of one-sample runs stay what they were.
    private var drawnPerTask: Int?
    private var reportedKs: [Int]?
    /// Whether perplexity is measured on the tasks' reference text (prompt and canonical solution).
    public var perplexity: Bool
    /// Seconds each sandboxed test run may take.
    public var sandboxTimeLimit: Double
    /// CodeBLEU's part weights.
    public var codeBLEUWeights: CodeBLEUWeights

    /// The stops HumanEval's authors used for function-body completion.
    public static let humanEvalStops = ["\nclass", "\ndef", "\n#", "\nif", "\nprint"]

    /// Creates settings; the defaults are the prototype's greedy 128 tokens.
    public init(maxTokens: Int = 128, temperature: Double = 0, topK: Int = 0, topP: Double = 1, seed: UInt64 = 0,
                stopSequences: [String] = humanEvalStops, passAtK: Bool = true, samplesPerTask: Int = 1, passAtKValues: [Int] = [1],
                perplexity: Bool = true, sandboxTimeLimit: Double = 3, codeBLEUWeights: CodeBLEUWeights = .standard) {
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.seed = seed
        self.stopSequences = stopSequences
        self.passAtK = passAtK
        self.drawnPerTask = samplesPerTask == 1 ? nil : samplesPerTask
        self.reportedKs = passAtKValues == [1] ? nil : passAtKValues
        self.perplexity = perplexity
        self.sandboxTimeLimit = sandboxTimeLimit
        self.codeBLEUWeights = codeBLEUWeights
    }

    /// Rejects settings no generation can use.
    public func validate() throws {
        guard (1...8192).contains(maxTokens) else {
            throw ComparisonError.invalidSetting(name: "max tokens", reason: "is \(maxTokens); must be 1-8192")
        }
        guard temperature >= 0, temperature.isFinite else {
            throw ComparisonError.invalidSetting(name: "temperature", reason: "is \(temperature); must be 0 or more")
        }
        guard (1...1000).contains(samplesPerTask) else {
            throw ComparisonError.invalidSetting(name: "samples per task", reason: "is \(samplesPerTask); must be 1-1000")
        }
        guard samplesPerTask == 1 || temperature > 0 else {
            throw ComparisonError.invalidSetting(name: "samples per task", reason:
                "is \(samplesPerTask) at temperature 0, which draws the same completion every time; set a temperature above 0")
        }
        guard !passAtKValues.isEmpty else { throw ComparisonError.invalidSetting(name: "k", reason: "must name at least one k") }
        if let badK = passAtKValues.first(where: { !(1...samplesPerTask).contains($0) }) {
            throw ComparisonError.invalidSetting(name: "k", reason: "contains \(badK); each k must be 1...samples per task (\(samplesPerTask))")
        }
        guard topK >= 0 else { throw ComparisonError.invalidSetting(name: "top-k", reason: "is \(topK); must be 0 or more") }
        guard topP > 0, topP <= 1 else { throw ComparisonError.invalidSetting(name: "top-p", reason: "is \(topP); must be in (0, 1]") }
        guard sandboxTimeLimit > 0, sandboxTimeLimit.isFinite else {
            throw ComparisonError.invalidSetting(name: "sandbox time limit", reason: "is \(sandboxTimeLimit); must be above 0")
        }
    }

    /// The k values of a comma-separated list such as `1,10`.
    public static func passAtKValues(parsing text: String) throws -> [Int] {
        try text.split(separator: ",").map { part in
            guard let value = Int(part.trimmingCharacters(in: .whitespaces)) else {
                throw ComparisonError.invalidSetting(name: "k", reason: "'\(part)' is not a whole number")
            }
            return value
        }
    }

    /// The generation options these settings describe, stopping also at the model's end tokens.
    public func generationOptions(stopTokenIDs: Set<Int>) -> GenerationOptions {
        GenerationOptions(maxTokens: maxTokens, temperature: Float(temperature), topK: topK, topP: Float(topP), seed: seed,
                          stopSequences: stopSequences, stopTokenIDs: stopTokenIDs)
    }
}
