import BenchmarkKit
/// What one training method's child process measured, sent to the parent as one JSON line.
struct MethodFigures: Codable {
    /// "lora", "qlora" or "full".
    let method: String
    /// The base weights as trained: each dtype and how many of the decoder's projections hold it, then the embedding's.
    let base: String
    /// d_model.
    let hiddenSize: Int
    /// Decoder layers.
    let layers: Int
    /// Vocabulary size.
    let vocabulary: Int
    /// Elements the optimizer updates.
    let trainableParameters: Int
    /// Tokens per step (sequences × length, every one real).
    let tokensPerStep: Int
    /// Seconds to open the model and attach the adapter.
    let loadSeconds: Double
    /// Seconds of each warm-up step.
    let warmupSeconds: [Double]
    /// Seconds of each timed step.
    let stepSeconds: [Double]
    /// The training loss of the first and the last step.
    let firstLoss: Float, lastLoss: Float
    /// Matmul FLOPs of one step, counted from the shape (`StepFLOPs`).
    let stepFLOPs: Double
    /// GFLOP/s of sgemm on one layer's projections at m = tokens per step, one pass after each timed step.
    let sgemmGFLOPs: [Double]
    /// VmHWM once the model was open (before any step).
    let residentAfterLoadBytes: Int
    /// VmHWM after the steps less the sgemm operands: the method's peak.
    let peakResidentBytes: Int
    /// adapter_model.safetensors plus adapter_config.json as written (nil for full fine-tuning).
    let adapterBytes: Int?

    /// Tokens per second over the median step.
    var tokensPerSecond: Double { Double(tokensPerStep) / stepSeconds.median }

    /// GFLOP/s of the median step.
    var stepGFLOPs: Double { stepFLOPs / stepSeconds.median / 1e9 }
}
