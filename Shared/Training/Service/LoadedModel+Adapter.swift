import Foundation
import Models
import Tensor

/// Generating through a PEFT adapter (this engine's or Python PEFT's) without a merged model on disk.
extension LoadedModel {
    /// This model with the adapter in `directory` folded in (see `LoRAAdapter.merged(into:requantize:)`).
    public func applyingAdapter(directory: String, requantize: Bool = false) throws -> LoadedModel {
        let adapter = try LoRAAdapter.read(directory: directory, layout: try LoRAModelLayout(shape: model.shape))
        return LoadedModel(model: try adapter.merged(into: model, requantize: requantize), tokenizer: tokenizer, path: path)
    }

    /// Loads `path` (Hugging Face directory or GGUF) and serves it through the adapter in
    /// `adapterDirectory`. With `quantizingBaseTo` (QLoRA's serving form) the base's linear
    /// weights are first quantized in-process, and the adapted ones re-encoded in that layout.
    public static func load(path: String, adapterDirectory: String, quantizingBaseTo dtype: DType? = nil) throws -> LoadedModel {
        var loaded = try LoadedModel.load(path: path)
        if let dtype {
            loaded = LoadedModel(model: try ModelQuantizer.quantize(loaded.model, to: dtype), tokenizer: loaded.tokenizer, path: loaded.path)
        }
        return try loaded.applyingAdapter(directory: adapterDirectory, requantize: dtype != nil)
    }
}
