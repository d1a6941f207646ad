import Foundation
import Models

/// The pre-tokenizer a trained tokenizer uses, both to cut the corpus into words while training
/// and in the tokenizer.json it writes, so training and encoding split text the same way.
///
/// GPT-2's is the only one offered: its split is hard-wired into the slow `GPT2Tokenizer` and
/// into every loader of a bare vocab.json + merges.txt (the project's included), so the files
/// mean the same thing whichever way they are loaded; and on Python its `\s+(?!\S)` keeps a
/// newline together with the next line's indentation, which becomes a handful of common tokens.
public enum TrainingPreTokenizer: String, Sendable, Codable, CaseIterable {
    /// Hugging Face's ByteLevel pre-tokenizer as GPT-2 ships it: GPT-2's regex, no prefix space.
    case gpt2

    /// The `pre_tokenizer` object of tokenizer.json, as JSON text.
    var tokenizerJSONFragment: String {
        switch self {
        case .gpt2:
            return #"{"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,"use_regex":true}"#
        }
    }

    /// A vocabulary-less tokenizer of the project's whose `preTokenize` is this pre-tokenizer:
    /// training reuses the encoder's own splitting code rather than a second copy of it.
    func makeSplitter() throws -> BPETokenizer {
        let json = #"{"pre_tokenizer":"# + tokenizerJSONFragment
            + #","decoder":{"type":"ByteLevel"},"model":{"type":"BPE","vocab":{},"merges":[]}}"#
        return try BPETokenizer(tokenizerJSONData: Data(json.utf8), source: "pre-tokenizer \(rawValue)")
    }
}
