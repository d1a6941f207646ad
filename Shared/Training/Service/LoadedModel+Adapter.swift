import Foundation
import Models
import Tensor

/// Generating through a PEFT adapter (this engine's or Python PEFT's) without a merged model on disk.
extension LoadedModel {
    /// This model with the adapter in `directory`: folded into the weights in Float32 (free per token;
    /// `LoRAAdapter.merged(into:requantize:)`), or, `overQuantizedBase` (QLoRA's serving form),
    /// attached as low-rank terms over the weights as encoded (`LoRAAdapter.attached(to:)`), which keeps
    /// the quantized base's bytes and memory and adds the adapter exactly.
    public func applyingAdapter(directory: String, overQuantizedBase: Bool = false) throws -> LoadedModel {
        let adapter = try LoRAAdapter.read(directory: directory, layout: try LoRAModelLayout(shape: model.shape))
        let adapted = overQuantizedBase ? try adapter.attached(to: model) : try adapter.merged(into: model, requantize: false)
        return LoadedModel(model: adapted, tokenizer: tokenizer, path: path)
    }

    /// Loads `path` (Hugging Face directory or GGUF) and serves it through the adapter in
    /// `adapterDirectory`. With `quantizingBaseTo` (QLoRA's serving form) the base's linear
    /// weights are first quantized in-process and the adapter attached over them as low-rank terms.
    public static func load(path: String, adapterDirectory: String, quantizingBaseTo dtype: DType? = nil) throws -> LoadedModel {
        var loaded = try LoadedModel.load(path: path)
        if let dtype {
            loaded = LoadedModel(model: try ModelQuantizer.quantize(loaded.model, to: dtype), tokenizer: loaded.tokenizer, path: loaded.path)
        }
        return try loaded.applyingAdapter(directory: adapterDirectory, overQuantizedBase: dtype != nil)
    }
}
