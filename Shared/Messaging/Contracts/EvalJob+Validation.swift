extension EvalJob {
    /// Rejects jobs with nothing to evaluate or pass@k settings that cannot be estimated (k above the samples drawn).
    public func validate() throws {
        let schema = Self.schemaID
        if variants.isEmpty { throw ContractError.invalidValue(schema: schema, field: "variants", reason: "must name at least one variant") }
        for (index, variant) in variants.enumerated() {
            do { try Topology.validateVariant(variant) } catch {
                throw ContractError.invalidValue(schema: schema, field: "variants[\(index)]", reason: "'\(variant)' is not a variant id")
            }
        }
        if dataset.isEmpty { throw ContractError.invalidValue(schema: schema, field: "dataset", reason: "must not be empty") }
        if samplesPerTask < 1 { throw ContractError.invalidValue(schema: schema, field: "samples_per_task", reason: "must be at least 1") }
        if let bad = k.first(where: { $0 < 1 || $0 > samplesPerTask }) {
            throw ContractError.invalidValue(schema: schema, field: "k", reason: "contains \(bad); each k must be 1...samples_per_task (\(samplesPerTask))")
        }
        if !(1...8192).contains(maxTokens) { throw ContractError.invalidValue(schema: schema, field: "max_tokens", reason: "is \(maxTokens); must be 1-8192") }
    }
}
