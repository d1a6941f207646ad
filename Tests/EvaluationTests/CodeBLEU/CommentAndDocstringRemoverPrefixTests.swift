import Testing
@testable import Evaluation

/// Which prefixed literals start a string, so which of them are dropped as docstrings; expected texts
/// are what codebleu 0.7.0's `remove_comments_and_docstrings` returns for the same source.
struct CommentAndDocstringRemoverPrefixTests {
    @Test func twoLetterPrefixesInAnyCaseStartStringsButUrIsAName() throws {
        let source = "def f():\n    rb\"\"\"raw bytes doc\"\"\"\n    ur = 2\n    Rf\"not a doc {ur}\" if ur else BR\"x\"\n    return ur\n"
        #expect(try CommentAndDocstringRemover.remove(from: source) == "def f():\n    ur = 2\n     if ur else BR\"x\"\n    return ur")
    }

    @Test func formattedRawStringAloneOnALineIsDropped() throws {
        let source = "def f():\n    x = 1\n    Fr\"doc\"\n    return x\n"
        #expect(try CommentAndDocstringRemover.remove(from: source) == "def f():\n    x = 1\n    return x")
    }
}
