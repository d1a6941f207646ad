import Foundation
import Testing
import Models

/// Where the real model's tokenizer metadata comes from. The GGUF reader lives elsewhere in
/// Models; the integrator connects it by setting `open` to a function returning the reader's
/// metadata as a `GGUFMetadataSource`, e.g. `{ try GGUFFile(url: $0) }`.
enum RealModelTokenizerSource {
    static let open: (@Sendable (URL) throws -> any GGUFMetadataSource)? = { GGUFTokenizerSource(file: try GGUFFile(path: $0.path)) }

    static let modelURL = FileManager.default.homeDirectoryForCurrentUser
        .appendingPathComponent(".cache/lce/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf")

    static var modelIsPresent: Bool { FileManager.default.fileExists(atPath: modelURL.path) }
}

/// The real Qwen2.5-Coder vocabulary, read from its GGUF, against Hugging Face `tokenizers`.
@Suite(.enabled(if: RealModelTokenizerSource.modelIsPresent, "real model absent: run ../shared/tools/get-real-model.sh"),
       .enabled(if: RealModelTokenizerSource.open != nil, "GGUF reader not connected: set RealModelTokenizerSource.open"))
struct RealModelTokenizerTests {
    func tokenizer() throws -> BPETokenizer {
        let open = try #require(RealModelTokenizerSource.open)
        let url = RealModelTokenizerSource.modelURL
        return try BPETokenizer(gguf: try GGUFTokenizerMetadata(reading: try open(url), source: url.path))
    }

    @Test func encodeMatchesHuggingFaceOnTheRealVocabulary() throws {
        let tokenizer = try tokenizer()
        for sample in try TokenizerFixtures.realModelCases().cases {
            #expect(tokenizer.encode(sample.text) == sample.ids, "\(sample.text.debugDescription)")
            #expect(tokenizer.encode(sample.text, parseSpecialTokens: false) == sample.idsSpecialAsText, "\(sample.text.debugDescription)")
        }
    }

    @Test func decodeMatchesHuggingFaceOnTheRealVocabulary() throws {
        let tokenizer = try tokenizer()
        for sample in try TokenizerFixtures.realModelCases().cases {
            #expect(Array(tokenizer.decode(sample.ids).utf8) == Array(sample.decoded.utf8), "\(sample.text.debugDescription)")
            #expect(Array(tokenizer.decode(sample.ids, skipSpecialTokens: true).utf8) == Array(sample.decodedSkippingSpecial.utf8), "\(sample.text.debugDescription)")
        }
    }

    @Test func specialIDsComeFromTheGGUF() throws {
        let tokenizer = try tokenizer()
        let expected = try TokenizerFixtures.realModelCases()
        #expect(tokenizer.vocabularySize == expected.vocabSize)
        #expect(tokenizer.bosTokenID == expected.bosTokenID)
        #expect(tokenizer.eosTokenID == expected.eosTokenID)
        #expect(tokenizer.paddingTokenID == expected.paddingTokenID)
        #expect(tokenizer.id(forToken: "<|im_end|>") == expected.eosTokenID)
        #expect(!tokenizer.addsBOSToken)
    }
}
