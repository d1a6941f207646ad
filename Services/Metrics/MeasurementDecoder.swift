import Foundation
import Messaging
import MetricsStore

/// Turns a message from `metrics.events` into the store's event, by its `schema` field.
enum MeasurementDecoder {
    private struct SchemaProbe: Decodable { let schema: String }

    /// The store event for `body`, or a `ContractError` naming what is wrong with it.
    ///
    /// `typeHint` is the message's AMQP `type` property, which lce's publishers set to the schema: when it is
    /// right the body is parsed once; when it is absent or wrong the body's own `schema` field decides.
    static func event(from body: Data, typeHint: String? = nil) throws -> MetricsEvent {
        if let typeHint, let event = try? event(from: body, schema: typeHint) { return event }
        let schema: String
        do {
            schema = try JSONDecoder().decode(SchemaProbe.self, from: body).schema
        } catch {
            throw ContractError.malformedJSON(detail: "expected a JSON object with a schema field")
        }
        return try event(from: body, schema: schema)
    }

    private static func event(from body: Data, schema: String) throws -> MetricsEvent {
        switch schema {
        case InferenceMeasurement.schemaID:
            let m = try ContractCoder.decode(InferenceMeasurement.self, from: body)
            return .inferenceRequest(InferenceRequestRecord(
                eventID: m.id, requestID: m.requestId.uuidString.lowercased(), variant: m.variant, workerID: m.worker,
                promptTokens: m.promptTokens, completionTokens: m.completionTokens, queueWaitMilliseconds: m.queueMs,
                ttftMilliseconds: m.timeToFirstTokenMs, generationMilliseconds: max(0, m.totalMs - m.queueMs),
                latencyMilliseconds: m.totalMs, status: status(m.outcome), error: m.outcome == "ok" ? nil : m.outcome,
                completedAt: m.createdAt))
        case RoutingDecision.schemaID:
            let d = try ContractCoder.decode(RoutingDecision.self, from: body)
            return .routingDecision(RoutingDecisionRecord(
                eventID: d.id, requestID: d.requestId.uuidString.lowercased(), requestedVariant: d.requestedVariant,
                chosenVariant: d.chosenVariant, reason: d.reason, policy: "complexity/\(d.source)", fallback: d.fallback,
                fallbackFrom: d.fallback ? d.requestedVariant : nil, promptTokens: d.promptTokens, decidedAt: d.createdAt))
        case TrainingStep.schemaID:
            let s = try ContractCoder.decode(TrainingStep.self, from: body)
            return .trainingStep(TrainingStepRecord(
                eventID: s.id, runID: s.jobId, step: s.step, epoch: s.epoch, loss: s.loss, learningRate: s.learningRate,
                tokensPerSecond: s.tokensPerSecond, stepTimeMilliseconds: nil, gradNorm: s.gradNorm, recordedAt: s.createdAt))
        case ServiceHeartbeat.schemaID:
            let h = try ContractCoder.decode(ServiceHeartbeat.self, from: body)
            return .heartbeat(ServiceHeartbeatRecord(
                eventID: h.id, service: h.service, instance: h.instance, variant: h.variant, status: h.status,
                inFlight: h.inFlight, details: try PostgresJSON(encoding: HeartbeatDetails(processed: h.processed, uptimeS: h.uptimeS)),
                recordedAt: h.createdAt))
        case AdapterTrained.schemaID:
            let a = try ContractCoder.decode(AdapterTrained.self, from: body)
            var run = TrainingRunRecord(
                id: a.jobId, model: a.baseModel, adapter: a.adapterName, method: a.method, status: .completed,
                finishedAt: a.createdAt, steps: a.steps, finalLoss: a.finalLoss, trainSeconds: a.durationS,
                peakRSSBytes: a.peakRssBytes, adapterSizeBytes: a.sizeBytes)
            if let experiment = a.experiment { run.setExperiment(named: experiment) }
            return .trainingRun(run)
        case JobFailed.schemaID:
            let f = try ContractCoder.decode(JobFailed.self, from: body)
            guard f.jobKind == "train" else {
                throw ContractError.invalidValue(schema: JobFailed.schemaID, field: "job_kind",
                                                 reason: "'\(f.jobKind)' failures are reported by their evaluation rows, not stored here")
            }
            return .trainingRun(TrainingRunRecord(id: f.jobId, status: .failed, finishedAt: f.createdAt, error: f.error))
        case EvaluationResult.schemaID:
            let r = try ContractCoder.decode(EvaluationResult.self, from: body)
            var e = EvaluationRecord(eventID: r.id, runID: r.jobId, model: r.model ?? "unknown", variant: r.variant,
                                     hardware: try r.hardware.map { try PostgresJSON(encoding: $0) } ?? .emptyObject,
                                     configHash: r.configHash, evaluatedAt: r.createdAt)
            e.dataset = r.dataset
            e.samples = r.samples
            e.bleu = r.bleu
            e.codeBLEU = r.codebleu
            e.setPassAtK(r.passAtK)
            if let experiment = r.experiment { e.setExperiment(named: experiment) }
            e.perplexity = r.perplexity
            e.ttftMilliseconds = r.timeToFirstTokenMs
            e.timePerOutputTokenMilliseconds = r.timePerOutputTokenMs
            e.latencyP50Milliseconds = r.latencyP50Ms
            e.latencyP95Milliseconds = r.latencyP95Ms
            e.tokensPerSecond = r.tokensPerSecond
            e.peakRSSBytes = r.peakRssBytes
            e.sizeBytes = r.sizeBytes
            return .evaluation(e)
        case EvaluationSample.schemaID:
            let s = try ContractCoder.decode(EvaluationSample.self, from: body)
            var e = EvaluationSampleRecord(eventID: s.id, runID: s.jobId, model: s.model ?? "unknown", variant: s.variant,
                                           taskID: s.taskId, sampleIndex: s.sampleIndex,
                                           outcome: s.passed.map { $0 ? .passed : .failed }, recordedAt: s.createdAt)
            e.completion = s.completion
            e.bleu = s.bleu
            e.codeBLEU = s.codebleu
            e.outcomeDetail = s.error
            e.completionTokens = s.completionTokens
            e.latencyMilliseconds = s.latencyMs
            return .evaluationSample(e)
        default:
            throw ContractError.unknownSchema(found: schema, expected: "a measurement schema (lce.inference.measurement/v1, ...)")
        }
    }

    static func status(_ outcome: String) -> InferenceStatus {
        switch outcome {
        case "ok": return .ok
        case "deadline": return .expired
        case "rejected": return .rejected
        default: return .error
        }
    }
}

/// What `service_heartbeats.details` holds besides the columns.
private struct HeartbeatDetails: Encodable {
    let processed: Int64
    let uptimeS: Double

    enum CodingKeys: String, CodingKey {
        case processed
        case uptimeS = "uptime_s"
    }
}
