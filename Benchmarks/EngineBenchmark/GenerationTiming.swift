import Models

/// Prefill and decode rates of one model variant: a warm-up generation, then timed ones.
struct GenerationTiming {
    /// Prompt tokens per second of each timed run's prefill.
    var prefill: [Double] = []
    /// Decode steps per second of each timed run.
    var decode: [Double] = []
    /// New tokens each run produced.
    var tokens = 0

    /// One variant ready to be timed run by run, so runs of different engines can alternate and
    /// share whatever else the machine is doing at the time.
    final class Runner {
        let generator: Generator
        let prompt: [Int]
        let tokens: Int
        /// The figures so far.
        var timing = GenerationTiming()

        /// Makes the generator and runs the warm-up, which faults in mapped weights and starts
        /// OpenBLAS's and Dispatch's threads.
        init(_ model: any LanguageModel, prompt: [Int], tokens: Int) throws {
            generator = Generator(model: model, contextCapacity: prompt.count + tokens + 8)
            self.prompt = prompt
            self.tokens = tokens
            try generator.generate(prompt: prompt, options: GenerationOptions(maxTokens: 4))
        }

        /// Times greedy generation of exactly `tokens` new tokens (no stop tokens) after the prompt.
        func run() throws {
            let result = try generator.generate(prompt: prompt, options: GenerationOptions(maxTokens: tokens))
            timing.prefill.append(result.prefillTokensPerSecond)
            timing.decode.append(result.decodeTokensPerSecond)
            timing.tokens = result.tokens.count
        }
    }

    /// Times `runs` generations of `model` back to back after a warm-up.
    static func measure(_ model: any LanguageModel, prompt: [Int], tokens: Int, runs: Int) throws -> GenerationTiming {
        let runner = try Runner(model, prompt: prompt, tokens: tokens)
        for _ in 0..<runs { try runner.run() }
        return runner.timing
    }
}
