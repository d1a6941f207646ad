import Tensor

/// The list of tensors an optimizer updates.
extension TrainableTransformer {
    /// Every trained tensor once (a tied head's weight is the embedding's), in model order:
    /// full fine-tuning's F32 weights, biases and norms, and every attached adapter's A and B.
    public func trainableParameters() throws -> [TrainableParameter] {
        var result: [TrainableParameter] = []
        var seen = Set<ObjectIdentifier>()
        func add(_ parameter: TrainableParameter?) {
            guard let parameter, seen.insert(ObjectIdentifier(parameter.value)).inserted else { return }
            result.append(parameter)
        }
        func add(_ projection: TrainableProjection?, _ name: String) throws {
            guard let projection else { return }
            add(projection.trainableWeight)
            if let bias = projection.bias, let gradient = projection.biasGradient {
                add(try TrainableParameter(name: name + ".bias", value: bias, gradient: gradient))
            }
            if let lora = projection.lora {
                add(try TrainableParameter(name: name + ".lora_A.weight", value: lora.a, gradient: lora.gradA))
                add(try TrainableParameter(name: name + ".lora_B.weight", value: lora.b, gradient: lora.gradB))
            }
        }
        func add(_ norm: TrainableNorm) {
            guard norm.isTrained else { return }
            add(norm.weight)
            add(norm.bias)
        }
        add(tokenEmbedding.trainable)
        add(positionEmbedding?.trainable)
        for (l, layer) in layers.enumerated() {
            add(layer.attentionNorm)
            for (name, projection) in layer.namedProjections(family: family) {
                try add(projection, modulePrefix(layer: l) + name)
            }
            add(layer.ffnNorm)
        }
        add(finalNorm)
        try add(head, "lm_head")
        return result
    }

    /// The family whose PEFT module names this model's parts take.
    public var family: LoRAModelLayout.Family { Self.family(of: architecture) }

    /// The PEFT module-path prefix of layer `l` ("model.layers.3.").
    func modulePrefix(layer l: Int) -> String {
        TransformerParameterNames(family: family).layerPrefix(l)
    }
}
