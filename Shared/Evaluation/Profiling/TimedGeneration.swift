import Dispatch
import Models

/// Runs one generation and measures it as a client would: time to the first token, to the last, and tokens made.
public enum TimedGeneration {
    /// Generates a continuation of `prompt` with `model` and returns the result with its timing.
    public static func run(_ model: LoadedModel, prompt: String, options: GenerationOptions,
                           generator: Generator) throws -> (result: GenerationResult, timing: RequestTiming) {
        let ids = model.promptTokens(prompt)
        let start = DispatchTime.now().uptimeNanoseconds
        var firstToken: UInt64?
        let result = try generator.generate(prompt: ids, options: options,
                                            detokenizer: model.tokenizer.streamingDecoder()) { token in
            if firstToken == nil, token.id != nil { firstToken = DispatchTime.now().uptimeNanoseconds }
            return true
        }
        let end = DispatchTime.now().uptimeNanoseconds
        let timing = RequestTiming(promptTokens: ids.count, completionTokens: result.tokens.count,
                                   timeToFirstTokenSeconds: firstToken.map { Double($0 - start) / 1e9 },
                                   totalSeconds: Double(end - start) / 1e9)
        return (result, timing)
    }
}
