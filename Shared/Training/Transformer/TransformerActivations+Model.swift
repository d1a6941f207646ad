/// Activations sized for what a particular model trains.
extension TransformerActivations {
    /// Buffers for training `model` on batches of `sequences` × `length` tokens: the inputs of
    /// projections whose weights are frozen are not kept per layer (their adapters, attached before
    /// or after, keep their own copy), so only full fine-tuning keeps them all.
    public convenience init(for model: TrainableTransformer, sequences: Int, length: Int) {
        let layers = model.layers
        self.init(architecture: model.architecture, sequences: sequences, length: length,
                  keepsNorm1: layers.map { layer in
                      [layer.fusedQKV, layer.query, layer.key, layer.value].contains { $0?.readsInputInBackward ?? false }
                  },
                  keepsAttention: layers.map { $0.attentionOutput.readsInputInBackward },
                  keepsNorm2: layers.map { $0.ffnIn.readsInputInBackward || ($0.gate?.readsInputInBackward ?? false) },
                  keepsFFNAct: layers.map { $0.ffnOut.readsInputInBackward })
    }
}
