import Foundation
import Messaging
import Testing

struct ContractCoderTests {
    private func roundTrip<Message: MessageContract & Equatable>(_ message: Message) throws -> Message {
        try ContractCoder.decode(Message.self, from: ContractCoder.encode(message))
    }

    private func json(_ text: String) -> Data { Data(text.utf8) }

    private let validRequest = """
    {"schema": "lce.generate.request/v1", "id": "7a0c8d0e-3f5b-4d7c-9a39-2d6f1f0b8e11", "prompt": "def add(a, b):",
     "max_tokens": 64, "temperature": 0.2, "deadline": "2026-11-26T16:30:00.000Z"}
    """

    @Test func everyContractSurvivesARoundTrip() throws {
        #expect(try roundTrip(ContractSamples.generateRequest) == ContractSamples.generateRequest)
        #expect(try roundTrip(ContractSamples.generateReply) == ContractSamples.generateReply)
        #expect(try roundTrip(ContractSamples.trainJob) == ContractSamples.trainJob)
        #expect(try roundTrip(ContractSamples.evalJob) == ContractSamples.evalJob)
        #expect(try roundTrip(ContractSamples.adapterTrained) == ContractSamples.adapterTrained)
        #expect(try roundTrip(ContractSamples.trainingStep) == ContractSamples.trainingStep)
        #expect(try roundTrip(ContractSamples.evaluationResult) == ContractSamples.evaluationResult)
        #expect(try roundTrip(ContractSamples.evaluationSample) == ContractSamples.evaluationSample)
        #expect(try roundTrip(ContractSamples.inferenceMeasurement) == ContractSamples.inferenceMeasurement)
        #expect(try roundTrip(ContractSamples.routingDecision) == ContractSamples.routingDecision)
        #expect(try roundTrip(ContractSamples.serviceHeartbeat) == ContractSamples.serviceHeartbeat)
        #expect(try roundTrip(ContractSamples.jobFailed) == ContractSamples.jobFailed)
        #expect(try roundTrip(ContractSamples.evaluationFinished) == ContractSamples.evaluationFinished)
    }

    @Test func encodesSnakeCaseKeysSchemaAndUTCMillisecondTimestamps() throws {
        let object = try #require(JSONSerialization.jsonObject(with: ContractCoder.encode(ContractSamples.generateRequest)) as? [String: Any])
        #expect(object["schema"] as? String == "lce.generate.request/v1")
        #expect(object["max_tokens"] as? Int == 64)
        #expect(object["deadline"] as? String == "2026-09-21T14:13:20.125Z")
        #expect(object["id"] as? String == "7A0C8D0E-3F5B-4D7C-9A39-2D6F1F0B8E11")
        #expect(object["maxTokens"] == nil)
    }

    @Test func decodesARequestWrittenByHand() throws {
        let request = try ContractCoder.decode(GenerateRequest.self, from: json(validRequest))
        #expect(request.prompt == "def add(a, b):")
        #expect(request.maxTokens == 64)
        #expect(request.variant == nil)
        #expect(ContractCoder.timestamp(request.deadline) == "2026-11-26T16:30:00.000Z")
    }

    @Test func acceptsTimestampsWithoutFractionalSeconds() throws {
        let text = validRequest.replacingOccurrences(of: "16:30:00.000Z", with: "16:30:00Z")
        #expect(try ContractCoder.timestamp(ContractCoder.decode(GenerateRequest.self, from: json(text)).deadline) == "2026-11-26T16:30:00.000Z")
    }

    @Test func rejectsMalformedJSON() throws {
        let error = #expect(throws: ContractError.self) { try ContractCoder.decode(GenerateRequest.self, from: json("{\"schema\": ")) }
        guard case .malformedJSON = error else { Issue.record("expected malformedJSON, got \(String(describing: error))"); return }
    }

    @Test func rejectsAJSONArrayAsNotAnObject() throws {
        #expect(throws: ContractError.malformedJSON(detail: "the body is not a JSON object")) {
            try ContractCoder.decode(GenerateRequest.self, from: json("[1, 2]"))
        }
    }

    @Test func rejectsAnUnknownSchema() {
        let text = validRequest.replacingOccurrences(of: "lce.generate.request/v1", with: "lce.generate.request/v9")
        #expect(throws: ContractError.unknownSchema(found: "lce.generate.request/v9", expected: "lce.generate.request/v1")) {
            try ContractCoder.decode(GenerateRequest.self, from: json(text))
        }
    }

    @Test func rejectsABodyWithoutSchema() {
        let text = validRequest.replacingOccurrences(of: "\"schema\": \"lce.generate.request/v1\", ", with: "")
        #expect(throws: ContractError.missingField(schema: "message", field: "schema")) {
            try ContractCoder.decode(GenerateRequest.self, from: json(text))
        }
    }

    @Test func namesTheMissingField() {
        let text = validRequest.replacingOccurrences(of: "\"max_tokens\": 64, ", with: "")
        #expect(throws: ContractError.missingField(schema: "lce.generate.request/v1", field: "max_tokens")) {
            try ContractCoder.decode(GenerateRequest.self, from: json(text))
        }
    }

    @Test func namesAMissingNestedFieldWithItsPath() throws {
        var object = try #require(JSONSerialization.jsonObject(with: ContractCoder.encode(ContractSamples.generateReply)) as? [String: Any])
        var timings = try #require(object["timings"] as? [String: Any])
        timings.removeValue(forKey: "total_ms")
        object["timings"] = timings
        let body = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: ContractError.missingField(schema: "lce.generate.reply/v1", field: "timings.total_ms")) {
            try ContractCoder.decode(GenerateReply.self, from: body)
        }
    }

    @Test func namesAFieldOfTheWrongType() {
        let text = validRequest.replacingOccurrences(of: "\"max_tokens\": 64", with: "\"max_tokens\": \"many\"")
        #expect(throws: ContractError.wrongType(schema: "lce.generate.request/v1", field: "max_tokens", expected: "an integer")) {
            try ContractCoder.decode(GenerateRequest.self, from: json(text))
        }
    }

    @Test func rejectsAnIdThatIsNotAUUID() throws {
        let text = validRequest.replacingOccurrences(of: "7a0c8d0e-3f5b-4d7c-9a39-2d6f1f0b8e11", with: "req-1")
        let error = #expect(throws: ContractError.self) { try ContractCoder.decode(GenerateRequest.self, from: json(text)) }
        guard case .invalidValue(_, let field, _) = error else { Issue.record("expected invalidValue, got \(String(describing: error))"); return }
        #expect(field == "id")
    }

    @Test func rejectsATimestampThatIsNotISO8601() throws {
        let text = validRequest.replacingOccurrences(of: "2026-11-26T16:30:00.000Z", with: "tomorrow")
        let error = #expect(throws: ContractError.self) { try ContractCoder.decode(GenerateRequest.self, from: json(text)) }
        guard case .invalidValue(_, let field, let reason) = error else { Issue.record("expected invalidValue"); return }
        #expect(field == "deadline")
        #expect(reason.contains("ISO-8601"))
    }

    @Test func rejectsAnOutOfRangeTokenBudget() {
        let text = validRequest.replacingOccurrences(of: "\"max_tokens\": 64", with: "\"max_tokens\": 0")
        #expect(throws: ContractError.invalidValue(schema: "lce.generate.request/v1", field: "max_tokens", reason: "is 0; must be 1-8192")) {
            try ContractCoder.decode(GenerateRequest.self, from: json(text))
        }
    }

    @Test func rejectsAnEmptyPrompt() {
        let text = validRequest.replacingOccurrences(of: "\"def add(a, b):\"", with: "\"\"")
        #expect(throws: ContractError.invalidValue(schema: "lce.generate.request/v1", field: "prompt", reason: "must not be empty")) {
            try ContractCoder.decode(GenerateRequest.self, from: json(text))
        }
    }

    @Test func rejectsATrainJobWithAnUnknownMethod() throws {
        var job = ContractSamples.trainJob
        job.method = "dora"
        let body = try ContractCoder.encode(job)
        #expect(throws: ContractError.invalidValue(schema: "lce.train.job/v1", field: "method", reason: "is 'dora'; must be lora, qlora or full")) {
            try ContractCoder.decode(TrainJob.self, from: body)
        }
    }

    @Test func rejectsAnEvalJobWhoseKExceedsTheSamples() throws {
        var job = ContractSamples.evalJob
        job.k = [1, 10]
        let body = try ContractCoder.encode(job)
        let error = #expect(throws: ContractError.self) { try ContractCoder.decode(EvalJob.self, from: body) }
        #expect(error?.description.contains("'k' contains 10") == true)
    }

    @Test func readsTheSchemaOfAnyContract() throws {
        #expect(try ContractCoder.schema(of: ContractCoder.encode(ContractSamples.inferenceMeasurement)) == "lce.inference.measurement/v1")
    }

    @Test func knownContractsDecodeByTheirSchema() throws {
        let decoded = try KnownContracts.decode(ContractCoder.encode(ContractSamples.routingDecision))
        #expect(decoded as? RoutingDecision == ContractSamples.routingDecision)
    }

    @Test func knownContractsRejectAnUnknownSchemaListingTheKnownOnes() throws {
        let error = #expect(throws: ContractError.self) { try KnownContracts.decode(Data(#"{"schema": "lce.nope/v1"}"#.utf8)) }
        guard case .unknownSchema(let found, let expected) = error else { Issue.record("expected unknownSchema"); return }
        #expect(found == "lce.nope/v1")
        #expect(expected.contains("lce.job.failed/v1"))
    }

    @Test func errorReplyCarriesCodeAndFinishReason() {
        let reply = GenerateReply.failure(to: ContractSamples.requestID, model: "base", code: "deadline_exceeded", message: "deadline passed")
        #expect(reply.finishReason == "deadline")
        #expect(reply.error == ErrorDetail(code: "deadline_exceeded", message: "deadline passed"))
        #expect(reply.completion.isEmpty)
    }

    @Test func expiredRequestIsRecognised() {
        let request = GenerateRequest(prompt: "x", deadline: Date(timeIntervalSince1970: 100))
        #expect(request.isExpired(at: Date(timeIntervalSince1970: 101)))
        #expect(!request.isExpired(at: Date(timeIntervalSince1970: 99)))
    }
}
