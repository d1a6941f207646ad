import Foundation

extension GenerateRequest {
    /// Rejects requests no worker should start: an empty prompt, a token budget or temperature out of range, a malformed variant.
    public func validate() throws {
        let schema = Self.schemaID
        if prompt.isEmpty { throw ContractError.invalidValue(schema: schema, field: "prompt", reason: "must not be empty") }
        if !(1...8192).contains(maxTokens) { throw ContractError.invalidValue(schema: schema, field: "max_tokens", reason: "is \(maxTokens); must be 1-8192") }
        if !temperature.isFinite || !(0...5).contains(temperature) {
            throw ContractError.invalidValue(schema: schema, field: "temperature", reason: "is \(temperature); must be 0-5")
        }
        if let variant {
            do { try Topology.validateVariant(variant) } catch {
                throw ContractError.invalidValue(schema: schema, field: "variant", reason: "'\(variant)' is not a variant id (base, q8, q4, lora.<adapter>, qlora.<adapter>)")
            }
        }
        if let stop {
            if stop.count > 16 { throw ContractError.invalidValue(schema: schema, field: "stop", reason: "has \(stop.count) entries; at most 16") }
            if stop.contains(where: \.isEmpty) { throw ContractError.invalidValue(schema: schema, field: "stop", reason: "must not contain an empty string") }
        }
    }

    /// Whether the deadline has passed at `now`: such work is answered with a `deadline_exceeded` error, not computed.
    public func isExpired(at now: Date = Date()) -> Bool { deadline <= now }
}
