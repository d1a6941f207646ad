import Foundation
import Models
import Tensor

/// Writing a fully trained model's weights as a Hugging Face checkpoint.
extension TrainableTransformer {
    /// Writes every trained tensor under its checkpoint name into a `.safetensors` file at `path`
    /// (F32, metadata format "pt"); GPT-2's projections go back to Conv1D's [in, out]. Frozen
    /// tensors are not written, so this is for full fine-tuning and pre-training; pair it with the
    /// base's config.json and tokenizer files.
    public func writeSafetensors(to path: String) throws {
        var writer = SafetensorsWriter(metadata: ["format": "pt"])
        for parameter in try trainableParameters() {
            guard !parameter.name.contains(".lora_") else { continue }
            let shape = parameter.value.shape
            if family == .gpt2, shape.count == 2, Self.isConv1DWeight(parameter.name) {
                var transposed = [Float](repeating: 0, count: parameter.value.count)
                let (rows, cols) = (shape[0], shape[1])
                for r in 0..<rows { for c in 0..<cols { transposed[c * rows + r] = parameter.value.data[r * cols + c] } }
                try writer.add(parameter.name, floats: transposed, shape: [cols, rows])
            } else {
                try writer.add(parameter.name, floats: parameter.value.toArray(), shape: shape)
            }
        }
        try writer.write(to: path)
    }

    /// True for the GPT-2 weights Hugging Face stores as Conv1D.
    static func isConv1DWeight(_ name: String) -> Bool {
        [".attn.c_attn.weight", ".attn.c_proj.weight", ".mlp.c_fc.weight", ".mlp.c_proj.weight"].contains { name.hasSuffix($0) }
    }
}
