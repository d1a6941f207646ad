/// One training or scoring example: a prompt and the completion expected for it (`{"prompt","completion"}`).
public struct PromptCompletion: Codable, Sendable, Equatable {
    /// The text given to the model.
    public var prompt: String
    /// The text the model should produce.
    public var completion: String

    /// Creates an example.
    public init(prompt: String, completion: String) {
        self.prompt = prompt
        self.completion = completion
    }
}
