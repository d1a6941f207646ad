import Foundation

/// Generates continuations of prompts with one model: a batched prefill of the prompt, then one
/// forward pass per new token through the KV cache, streaming each token as it is chosen.
///
/// The session, logits and sampler buffers are allocated when the generator is made (the sampler
/// once per call), so the per-token loop allocates only the text it hands out.
public final class Generator: @unchecked Sendable {
    /// The model's session; its cache is reset at the start of every generation.
    public let session: InferenceSession
    private let logits: FloatBuffer
    private let nextToken: UnsafeMutablePointer<Int32>

    /// A generator with a context of `contextCapacity` positions (default: the model's, at most 4096).
    public init(model: any LanguageModel, contextCapacity: Int? = nil, batchCapacity: Int = 256) {
        session = InferenceSession(model: model, contextCapacity: contextCapacity, batchCapacity: batchCapacity)
        logits = FloatBuffer(count: model.shape.vocabularySize)
        nextToken = .allocate(capacity: 1)
    }

    deinit { nextToken.deallocate() }

    /// Continues `prompt` (token ids) with text decoded by `detokenizer`, calling `onToken` for every
    /// step; returning false from it stops generation. Throws `ModelError.contextOverflow` when the
    /// prompt is longer than the context.
    @discardableResult
    public func generate<D: IncrementalDetokenizer>(prompt: [Int], options: GenerationOptions, detokenizer: D,
                                                    onToken: (GeneratedToken) throws -> Bool = { _ in true }) throws -> GenerationResult {
        try run(prompt: prompt, options: options, detokenizer: detokenizer, onToken: onToken)
    }

    /// Continues `prompt` producing token ids only (stop strings need text, so they are not applied).
    @discardableResult
    public func generate(prompt: [Int], options: GenerationOptions,
                         onToken: (GeneratedToken) throws -> Bool = { _ in true }) throws -> GenerationResult {
        try run(prompt: prompt, options: options, detokenizer: Optional<SilentDetokenizer>.none, onToken: onToken)
    }

    private func run<D: IncrementalDetokenizer>(prompt: [Int], options: GenerationOptions, detokenizer: D?,
                                                onToken: (GeneratedToken) throws -> Bool) throws -> GenerationResult {
        guard !prompt.isEmpty else { throw ModelError.emptyInput }
        guard prompt.count <= session.contextCapacity else {
            throw ModelError.contextOverflow(tokens: prompt.count, position: 0, capacity: session.contextCapacity)
        }
        var decoder = detokenizer
        var stops = StopSequences(decoder == nil ? [] : options.stopSequences)
        let sampler = Sampler(vocabularySize: session.vocabularySize, options: options)
        var result = GenerationResult(tokens: [], text: "", finishReason: .maxTokens, promptTokenCount: prompt.count,
                                      prefillSeconds: 0, decodeSeconds: 0)
        result.tokens.reserveCapacity(max(0, options.maxTokens))

        session.reset()
        let prefillStart = DispatchTime.now().uptimeNanoseconds
        let ids = prompt.map { Int32(truncatingIfNeeded: $0) }
        try ids.withUnsafeBufferPointer { try session.forward($0, logits: logits.pointer) }
        let decodeStart = DispatchTime.now().uptimeNanoseconds
        result.prefillSeconds = Double(decodeStart - prefillStart) / 1e9

        var step = 0
        while true {
            if step >= options.maxTokens { result.finishReason = .maxTokens; break }
            let token = sampler.sample(logits.pointer)
            if options.stopTokenIDs.contains(token) { result.finishReason = .stopToken; break }
            result.tokens.append(token)
            step += 1
            var text = ""
            if decoder != nil { text = stops.append(decoder!.append(token)) }
            result.text += text
            if stops.stopped {
                result.finishReason = .stopSequence
                if !text.isEmpty { _ = try onToken(GeneratedToken(id: token, text: text)) }
                break
            }
            if try !onToken(GeneratedToken(id: token, text: text)) { result.finishReason = .cancelled; break }
            if step >= options.maxTokens { result.finishReason = .maxTokens; break }
            if session.position >= session.contextCapacity { result.finishReason = .contextFull; break }
            nextToken.pointee = Int32(token)
            try session.forward(UnsafeBufferPointer(start: nextToken, count: 1), logits: logits.pointer)
        }
        result.decodeSeconds = Double(DispatchTime.now().uptimeNanoseconds - decodeStart) / 1e9

        if decoder != nil, !stops.stopped {
            let tail = stops.append(decoder!.finish()) + (stops.stopped ? "" : stops.finish())
            if stops.stopped { result.finishReason = .stopSequence }
            if !tail.isEmpty {
                result.text += tail
                _ = try onToken(GeneratedToken(id: nil, text: tail))
            }
        }
        return result
    }

    /// Stands in for a detokenizer when only ids are wanted.
    private struct SilentDetokenizer: IncrementalDetokenizer {
        mutating func append(_ id: Int) -> String { "" }
        mutating func finish() -> String { "" }
    }
}
