import Foundation

/// Every contract this version speaks, so a consumer of a mixed queue (`metrics.events`) can decode by schema.
public enum KnownContracts {
    /// All contract types.
    public static let all: [any MessageContract.Type] = [
        GenerateRequest.self, GenerateReply.self, TrainJob.self, EvalJob.self, AdapterTrained.self, TrainingStep.self,
        EvaluationResult.self, EvaluationSample.self, InferenceMeasurement.self, RoutingDecision.self, ServiceHeartbeat.self,
        JobFailed.self, EvaluationFinished.self,
    ]

    /// The type whose schema is `schema`, if any.
    public static func type(for schema: String) -> (any MessageContract.Type)? {
        all.first { $0.schemaID == schema }
    }

    /// Decodes a body as whichever contract its `schema` names; throws `unknownSchema` for schemas this version does not know.
    public static func decode(_ body: Data) throws -> any MessageContract {
        let schema = try ContractCoder.schema(of: body)
        guard let type = type(for: schema) else {
            throw ContractError.unknownSchema(found: schema, expected: "one of " + all.map { $0.schemaID }.joined(separator: ", "))
        }
        return try decode(body, as: type)
    }

    private static func decode<Message: MessageContract>(_ body: Data, as type: Message.Type) throws -> any MessageContract {
        try ContractCoder.decode(type, from: body)
    }
}
