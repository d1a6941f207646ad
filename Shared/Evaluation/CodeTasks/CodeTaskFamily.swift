/// A kind of programming task (reverse a string, sum the evens, ...) that makes varied drafts from a random generator.
struct CodeTaskFamily {
    /// A short identifier used in task ids, e.g. `reverse_string`.
    var name: String
    /// Makes one task; different draws differ in wording, names and parameters.
    var make: (inout SeededGenerator) -> CodeTaskDraft
}
