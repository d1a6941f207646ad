/// The Python keyword list codebleu 0.7.0 weights in its keyword-weighted n-gram match
/// (its `keywords/python.txt`, soft keywords `match`, `case` and `type` included).
public enum PythonKeywords {
    /// The keywords.
    public static let all: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
        "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
        "match", "case", "type",
    ]
}
