import Foundation
import Testing
import Models
import Tensor

/// Variants made in-process run on the quantized kernels and stay close to the Float32 model.
struct QuantizedVariantTests {
    let tokens = [3, 250, 11, 64, 90, 2, 199, 33, 8, 141, 276, 19, 0]

    func logits(_ model: any LanguageModel) throws -> [Float] {
        try InferenceSession(model: model, contextCapacity: 32).forward(tokens, allPositions: true)
    }

    /// The dtypes of the model's linear weights (matrices other than the embeddings and the output head).
    func linearTypes(_ model: any LanguageModel) -> Set<DType> {
        var types = Set<DType>()
        for (name, weight) in model.namedWeights
        where !["token_embd.weight", "position_embd.weight", "output.weight"].contains(name) {
            if case .matrix(let m) = weight { types.insert(m.dtype) }
        }
        return types
    }

    /// A LLaMA-style model with random weights wide enough for Q4_K's 256-element super-blocks.
    static func randomWideLlama() throws -> Llama {
        var random = SeededRandomGenerator(seed: 2024)
        func values(_ count: Int, _ std: Float) -> [Float] {
            (0..<count).map { _ in (random.nextUnitFloat() + random.nextUnitFloat() + random.nextUnitFloat() - 1.5) * 2 * std }
        }
        func matrix(_ rows: Int, _ cols: Int, _ std: Float) throws -> WeightMatrix {
            try WeightMatrix.fromFloat32(values(rows * cols, std), rows: rows, cols: cols)
        }
        func norm(_ n: Int) -> FloatBuffer { FloatBuffer(values(n, 0.1).map { $0 + 1 }) }
        let d = 256, f = 512, heads = 4, kv = 2, vocab = 300
        let kvWidth = kv * d / heads
        let layers = try (0..<2).map { _ in
            Llama.LayerParameters(
                attentionNorm: norm(d), query: try matrix(d, d, 0.0625), key: try matrix(kvWidth, d, 0.0625),
                value: try matrix(kvWidth, d, 0.0625), queryBias: nil, keyBias: nil, valueBias: nil,
                attentionOutput: try matrix(d, d, 0.0625), attentionOutputBias: nil, ffnNorm: norm(d),
                gate: try matrix(f, d, 0.0625), up: try matrix(f, d, 0.0625), down: try matrix(d, f, 0.044))
        }
        let configuration = Llama.Configuration(
            modelType: "llama", vocabSize: vocab, hiddenSize: d, intermediateSize: f, numHiddenLayers: 2,
            numAttentionHeads: heads, numKeyValueHeads: kv, maxPositionEmbeddings: 64, rmsNormEps: 1e-6,
            ropeTheta: 10000, tieWordEmbeddings: false)
        let parameters = Llama.Parameters(tokenEmbedding: try matrix(vocab, d, 1), layers: layers, finalNorm: norm(d),
                                           output: try matrix(vocab, d, 0.25))
        return Llama(configuration: configuration, parameters: parameters, ropeStyle: .halves)
    }

    // Relative error = max |logit difference| / max |Float32 logit| over 13 positions of a random
    // d=256 model (untrained weights amplify weight noise more than trained ones do). Measured with
    // the generic kernels: Q8_0 9.4e-3, Q4_K 0.143, Q4_0 0.167; the bounds leave room for other
    // kernel paths (activation quantization adds 1.1e-2 to 1.5e-2 on the one-token path).

    @Test func q8_0VariantStaysCloseToFloat32() throws {
        let model = try Self.randomWideLlama()
        let variant = try ModelQuantizer.quantize(model, to: .q8_0)
        #expect(linearTypes(variant) == [.q8_0])
        let error = ReferenceLogits.relativeError(try logits(variant), try logits(model))
        #expect(error < 2e-2, "relative error \(error)")
    }

    @Test func q4_KVariantStaysCloseToFloat32() throws {
        let model = try Self.randomWideLlama()
        let variant = try ModelQuantizer.quantize(model, to: .q4_K)
        #expect(linearTypes(variant) == [.q4_K])
        let error = ReferenceLogits.relativeError(try logits(variant), try logits(model))
        #expect(error < 0.25, "relative error \(error)")
    }

    @Test func q4_0VariantStaysCloseToFloat32() throws {
        let model = try Self.randomWideLlama()
        let variant = try ModelQuantizer.quantize(model, to: .q4_0)
        #expect(linearTypes(variant) == [.q4_0])
        let error = ReferenceLogits.relativeError(try logits(variant), try logits(model))
        #expect(error < 0.35, "relative error \(error)")
    }

    @Test func quantizedDecodeStepsAgreeWithQuantizedPrefill() throws {
        let variant = try ModelQuantizer.quantize(try Self.randomWideLlama(), to: .q4_K)
        let session = InferenceSession(model: variant, contextCapacity: 32)
        var stepped: [Float] = []
        for token in tokens { stepped += try session.forward([token]) }
        let error = ReferenceLogits.relativeError(stepped, try logits(variant))
        // One-token steps quantize activations to 8 bits in the kernel, prefill does not: measured 1.5e-2.
        #expect(error < 5e-2, "relative error \(error)")
    }

    @Test func q4_KFallsBackToQ4_0ForRowsNarrowerThanASuperBlock() throws {
        #expect(ModelQuantizer.layout(for: .q4_K, cols: 512) == .q4_K)
        #expect(ModelQuantizer.layout(for: .q4_K, cols: 64) == .q4_0)
        #expect(ModelQuantizer.layout(for: .q8_0, cols: 48) == .f32)
        let model = try ModelLoader.load(path: ReferenceLogits.path("llama"))
        #expect(linearTypes(try ModelQuantizer.quantize(model, to: .q4_K)) == [.q4_0])
    }

    @Test func quantizingEncodesTheTiedEmbeddingAsTheHeadAndKeepsNorms() throws {
        let model = try ModelLoader.load(path: ReferenceLogits.path("qwen2"))
        let variant = try #require(try ModelQuantizer.quantize(model, to: .q8_0) as? Llama)
        // The head a decode step reads whole is 8-bit too; it is still the embedding, one matrix.
        #expect(variant.parameters.tokenEmbedding.dtype == .q8_0)
        #expect(variant.parameters.tiedOutput)
        #expect(variant.parameters.output.bytes == variant.parameters.tokenEmbedding.bytes)
        #expect(variant.parameters.layers[0].queryBias?.array == (model as? Llama)?.parameters.layers[0].queryBias?.array)
        #expect(variant.parameters.finalNorm.array == (model as? Llama)?.parameters.finalNorm.array)
    }

    @Test func fourBitVariantKeepsItsHeadAtSixBits() throws {
        let variant = try #require(try ModelQuantizer.quantize(try Self.randomWideLlama(), to: .q4_K) as? Llama)
        // As llama.cpp's Q4_K_M: the untied output head and the embedding in Q6_K, the layers in Q4_K.
        #expect(variant.parameters.output.dtype == .q6_K)
        #expect(variant.parameters.tokenEmbedding.dtype == .q6_K)
        #expect(!variant.parameters.tiedOutput)
        #expect(ModelQuantizer.headLayout(for: .q4_K, cols: 96) == .q8_0)
        #expect(ModelQuantizer.headLayout(for: .q4_0, cols: 48) == .f32)
    }

    @Test func quantizedEmbeddingLookupDecodesItsRow() throws {
        let model = try Self.randomWideLlama()
        let variant = try #require(try ModelQuantizer.quantize(model, to: .q8_0) as? Llama)
        let exact = model.parameters.tokenEmbedding.toFloat32()
        var row = [Float](repeating: .nan, count: 256)
        variant.parameters.tokenEmbedding.dequantizeRow(7, into: &row)
        // Q8_0 keeps each value within half a step of its block's max / 127, plus the step's own
        // rounding to half precision (2⁻¹¹ relative, times up to 127 steps).
        for b in 0..<8 {
            let block = exact[(7 * 256 + 32 * b)..<(7 * 256 + 32 * b + 32)]
            let step = block.map(abs).max()! / 127
            for (i, v) in block.enumerated() { #expect(abs(row[32 * b + i] - v) <= step * 0.57) }
        }
    }
}
