import Models

/// Prefill and decode rates of one model variant: a warm-up generation, then `runs` timed ones.
struct GenerationTiming {
    /// Prompt tokens per second of each timed run's prefill.
    var prefill: [Double] = []
    /// Decode steps per second of each timed run.
    var decode: [Double] = []
    /// New tokens each run produced.
    var tokens = 0

    /// Times greedy generation of exactly `tokens` new tokens (no stop tokens) after `prompt`.
    static func measure(_ model: any LanguageModel, prompt: [Int], tokens: Int, runs: Int) throws -> GenerationTiming {
        let generator = Generator(model: model, contextCapacity: prompt.count + tokens + 8)
        // The warm-up faults in mapped weights and starts OpenBLAS's and Dispatch's threads.
        try generator.generate(prompt: prompt, options: GenerationOptions(maxTokens: 4))
        var timing = GenerationTiming()
        for _ in 0..<runs {
            let result = try generator.generate(prompt: prompt, options: GenerationOptions(maxTokens: tokens))
            timing.prefill.append(result.prefillTokensPerSecond)
            timing.decode.append(result.decodeTokensPerSecond)
            timing.tokens = result.tokens.count
        }
        return timing
    }
}
