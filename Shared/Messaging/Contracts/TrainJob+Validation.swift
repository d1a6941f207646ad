extension TrainJob {
    /// Rejects jobs the trainer cannot start: an unknown method, an unusable adapter name, a LoRA job without settings.
    public func validate() throws {
        let schema = Self.schemaID
        guard ["lora", "qlora", "full"].contains(method) else {
            throw ContractError.invalidValue(schema: schema, field: "method", reason: "is '\(method)'; must be lora, qlora or full")
        }
        do { try Topology.validateVariant(adapterName) } catch {
            throw ContractError.invalidValue(schema: schema, field: "adapter_name", reason: "'\(adapterName)' must be 1-200 characters of a-z, 0-9, '.', '_', '-'")
        }
        if method != "full" {
            guard let lora else { throw ContractError.missingField(schema: schema, field: "lora") }
            if lora.rank < 1 { throw ContractError.invalidValue(schema: schema, field: "lora.rank", reason: "is \(lora.rank); must be at least 1") }
        }
        if hyperparameters.learningRate <= 0 || !hyperparameters.learningRate.isFinite {
            throw ContractError.invalidValue(schema: schema, field: "hyperparameters.learning_rate", reason: "must be a positive number")
        }
        if hyperparameters.batchSize < 1 { throw ContractError.invalidValue(schema: schema, field: "hyperparameters.batch_size", reason: "must be at least 1") }
        if baseModel.isEmpty { throw ContractError.invalidValue(schema: schema, field: "base_model", reason: "must not be empty") }
        if dataset.isEmpty { throw ContractError.invalidValue(schema: schema, field: "dataset", reason: "must not be empty") }
    }
}
