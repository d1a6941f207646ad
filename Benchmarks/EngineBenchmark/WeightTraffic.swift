import Models
import Tensor

/// What one forward pass of a LLaMA-style model must move and compute: the bytes a decode step
/// reads (the decode bandwidth bound's numerator) and the FLOPs a prefill performs.
struct WeightTraffic {
    /// Bytes of the linear weights of all layers plus the output head (the embedding itself when tied).
    let matrixBytes: Int
    /// Elements (multiply-adds per token) of all layers' linear weights.
    let layerParameters: Int
    /// Elements of the output head.
    let outputParameters: Int
    /// Bytes of one embedding row (read once per token).
    let embeddingRowBytes: Int
    /// Layers, KV width and head layout, for the attention terms.
    let shape: ModelShape
    /// Bytes per dtype over every matrix a decode step reads.
    let bytesByType: [DType: Int]

    /// Sums the model's matrices.
    init(_ model: Llama) {
        var bytes = 0, parameters = 0
        var byType: [DType: Int] = [:]
        for layer in model.parameters.layers {
            for m in [layer.query, layer.key, layer.value, layer.attentionOutput, layer.gate, layer.up, layer.down] {
                bytes += m.rows * m.rowBytes
                parameters += m.rows * m.cols
                byType[m.dtype, default: 0] += m.rows * m.rowBytes
            }
        }
        let head = model.parameters.output
        byType[head.dtype, default: 0] += head.rows * head.rowBytes
        matrixBytes = bytes + head.rows * head.rowBytes
        layerParameters = parameters
        outputParameters = head.rows * head.cols
        embeddingRowBytes = model.parameters.tokenEmbedding.rowBytes
        shape = model.shape
        bytesByType = byType
    }

    /// Bytes a decode step at `position` reads: every matrix once, one embedding row, and the cached
    /// keys and values of the positions before it (Float32).
    func bytesPerDecodedToken(position: Int) -> Int {
        matrixBytes + embeddingRowBytes + 2 * shape.layerCount * position * shape.kvWidth * 4
    }

    /// FLOPs the engine performs to prefill `n` tokens from an empty cache: 2·params per token in the
    /// layers, the output head once (last token only), and attention's two n×n×headDim products per
    /// head as the engine computes them (full rows, masked afterwards).
    func prefillFLOPs(tokens n: Int) -> Double {
        let linear = 2 * Double(n) * Double(layerParameters) + 2 * Double(outputParameters)
        let attention = Double(shape.layerCount) * 4 * Double(shape.heads * shape.headDim) * Double(n) * Double(n)
        return linear + attention
    }

    /// "F32 1.89 GiB" style breakdown of the bytes read per decode step.
    var mix: String {
        bytesByType.sorted { $0.value > $1.value }
            .map { "\($0.key) \(String(format: "%.0f", Double($0.value) / 1_048_576)) MiB" }
            .joined(separator: ", ")
    }
}
