import Foundation
import Messaging

/// One filled-in value of every contract, with fixed ids and millisecond timestamps so round trips compare equal.
enum ContractSamples {
    static let at = Date(timeIntervalSince1970: 1_790_000_000.125)
    static let requestID = UUID(uuidString: "7a0c8d0e-3f5b-4d7c-9a39-2d6f1f0b8e11")!
    static let jobID = UUID(uuidString: "0f8f5a3e-6f0b-4b9e-8d44-9b1c2d3e4f50")!

    static let generateRequest = GenerateRequest(id: requestID, prompt: "def add(a, b):", maxTokens: 64, temperature: 0.2,
                                                 variant: "lora.python", deadline: at, stop: ["\n\n"])
    static let generateReply = GenerateReply(id: requestID, model: "lora.python", output: "def add(a, b):\n    return a + b",
                                             completion: "\n    return a + b", promptTokens: 6, completionTokens: 7, finishReason: "stop",
                                             timings: GenerateTimings(queueMs: 0.4, timeToFirstTokenMs: 12.5, timePerOutputTokenMs: 3.25,
                                                                      generationMs: 32, totalMs: 33.1),
                                             worker: "worker-lora-1")
    static let trainJob = TrainJob(id: jobID, createdAt: at, baseModel: "qwen2.5-coder-0.5b", adapterName: "python",
                                   dataset: "datasets/python.jsonl", method: "lora",
                                   lora: LoRASettings(rank: 8, alpha: 16, dropout: 0.05, targetModules: ["q_proj", "v_proj"]),
                                   hyperparameters: TrainingHyperparameters(learningRate: 2e-4, epochs: 2, batchSize: 4, maxSteps: 100),
                                   experiment: "demo")
    static let evalJob = EvalJob(id: jobID, createdAt: at, variants: ["base", "lora.python"], dataset: "datasets/humaneval.jsonl",
                                 samplesPerTask: 5, k: [1, 5], limit: 20, baseModel: "qwen.gguf",
                                 mergedModel: "qwen-python-merged")
    static let adapterTrained = AdapterTrained(id: requestID, jobId: jobID, adapterName: "python", variant: "lora.python",
                                               baseModel: "qwen2.5-coder-0.5b", method: "lora", path: "adapters/python", rank: 8, alpha: 16,
                                               steps: 100, finalLoss: 0.91, durationS: 120.5, sizeBytes: 2_200_000, createdAt: at,
                                               experiment: "demo")
    static let trainingStep = TrainingStep(id: requestID, jobId: jobID, step: 10, epoch: 0.2, loss: 1.25, learningRate: 1e-4,
                                           gradNorm: 0.8, tokensPerSecond: 950, elapsedS: 12.5, createdAt: at)
    static let evaluationResult = EvaluationResult(id: requestID, jobId: jobID, variant: "q4", dataset: "humaneval", samples: 20,
                                                   bleu: 23.4, bleuSignature: "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.0",
                                                   codebleu: 0.41, passAtK: ["pass@1": 0.15, "pass@5": 0.3], perplexity: 4.2,
                                                   latencyP50Ms: 210, latencyP95Ms: 390, timeToFirstTokenMs: 35, timePerOutputTokenMs: 6.5,
                                                   tokensPerSecond: 150, peakRssBytes: 900_000_000, sizeBytes: 400_000_000, createdAt: at)
        .withExperiment("demo")
    static let evaluationSample = EvaluationSample(id: requestID, jobId: jobID, variant: "q4", taskId: "HumanEval/0", sampleIndex: 2,
                                                   completion: "    return sorted(x)", passed: true, bleu: 31, codebleu: 0.5,
                                                   latencyMs: 180, completionTokens: 9, createdAt: at)
    static let inferenceMeasurement = InferenceMeasurement(id: jobID, requestId: requestID, variant: "base", worker: "worker-base-2",
                                                           promptTokens: 12, completionTokens: 40, queueMs: 1.5, timeToFirstTokenMs: 20,
                                                           timePerOutputTokenMs: 4, totalMs: 180, peakRssBytes: 700_000_000, createdAt: at)
    static let routingDecision = RoutingDecision(id: jobID, requestId: requestID, requestedVariant: nil, chosenVariant: "lora.python",
                                                 reason: "short_prompt", promptTokens: 12, fallback: false, source: "amqp", createdAt: at)
    static let serviceHeartbeat = ServiceHeartbeat(id: jobID, service: "worker", instance: "host-1:4242", variant: "q4", status: "busy",
                                                   inFlight: 1, processed: 1500, uptimeS: 3600, createdAt: at)
    static let evaluationFinished = EvaluationFinished(id: requestID, jobId: jobID, evaluated: ["base", "q4"],
                                                       unavailable: [.init(variant: "lora.python", reason: "no adapter")],
                                                       durationS: 912.4, createdAt: at)
    static let jobFailed = JobFailed(id: requestID, jobId: jobID, jobKind: "train", error: "dataset not found: datasets/x.jsonl", createdAt: at)
}

extension EvaluationResult {
    /// The result filed under `experiment` (the initializer leaves it nil, like model, hardware and hash).
    func withExperiment(_ experiment: String) -> EvaluationResult {
        var copy = self
        copy.experiment = experiment
        return copy
    }
}
