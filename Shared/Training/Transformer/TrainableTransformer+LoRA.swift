import Tensor

/// Putting a PEFT LoRA adapter around the model's projections.
extension TrainableTransformer {
    /// The projection PEFT calls `path` ("model.layers.0.self_attn.q_proj"), if the model has it.
    public func projection(atPath path: String) -> TrainableProjection? {
        for (l, layer) in layers.enumerated() {
            let prefix = modulePrefix(layer: l)
            guard path.hasPrefix(prefix) else { continue }
            let rest = String(path.dropFirst(prefix.count))
            return layer.namedProjections(family: family).first { $0.0 == rest }?.1
        }
        return nil
    }

    /// Wraps every module `adapter` targets in a LoRA layer that shares the adapter's A and B
    /// tensors (training updates the adapter in place, ready to write); dropout masks per module
    /// are seeded from `seed` and the module's position.
    public func attach(_ adapter: LoRAAdapter, seed: UInt64 = 0) throws {
        for (index, module) in adapter.modules.enumerated() {
            guard let projection = projection(atPath: module.path), let pair = adapter.weights[module.path] else {
                throw TrainingError.invalidAdapter("the adapter targets \(module.path), which this model has no projection for")
            }
            let lora = try LoRALinear(base: projection.weight, a: pair.a, b: pair.b, scaling: adapter.config.scaling,
                                      dropout: Float(adapter.config.loraDropout), dropoutSeed: seed &+ UInt64(index))
            try projection.attach(lora)
        }
    }
}
