/// What the router looks at in a prompt to judge how hard it is: its length in tokens and
/// signs of code structure (definitions, blocks, brackets, multi-line code).
public struct PromptFeatures: Sendable, Equatable {
    /// Tokens in the prompt, as the served model's tokenizer counts them.
    public var tokenCount: Int
    /// Lines of text in the prompt.
    public var lineCount: Int
    /// How many code-structure signals the prompt carries (see `codeSignals(in:)`).
    public var codeSignals: Int

    /// Measures `prompt`, given its token count from the model's tokenizer.
    public init(prompt: String, tokenCount: Int) {
        self.tokenCount = tokenCount
        self.lineCount = prompt.isEmpty ? 0 : prompt.split(separator: "\n", omittingEmptySubsequences: false).count
        self.codeSignals = Self.codeSignals(in: prompt)
    }

    /// Creates features from known values (tests, replays).
    public init(tokenCount: Int, lineCount: Int, codeSignals: Int) {
        self.tokenCount = tokenCount
        self.lineCount = lineCount
        self.codeSignals = codeSignals
    }

    /// Counts markers of code a request carries: Python keywords that open structure at the
    /// start of a line, fenced code, indented lines, and deep bracket nesting. Plain questions
    /// score 0; a pasted function with a loop scores several.
    public static func codeSignals(in prompt: String) -> Int {
        let openers = ["def ", "class ", "for ", "while ", "if ", "elif ", "try:", "except", "with ",
                       "import ", "from ", "return ", "async def ", "lambda "]
        var signals = 0
        for line in prompt.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.count < line.count, !trimmed.isEmpty { signals += 1 }  // indented code
            if openers.contains(where: { trimmed.hasPrefix($0) }) { signals += 1 }
            if trimmed.hasPrefix("```") { signals += 1 }
        }
        var depth = 0
        var deepest = 0
        for ch in prompt {
            switch ch {
            case "(", "[", "{": depth += 1; deepest = max(deepest, depth)
            case ")", "]", "}": depth = max(0, depth - 1)
            default: break
            }
        }
        if deepest >= 3 { signals += deepest - 2 }
        return signals
    }
}
