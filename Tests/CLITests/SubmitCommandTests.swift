import Evaluation
import Foundation
import Messaging
import Testing
@testable import CLI

@Test func submitTrainCarriesEveryTuningFlagIntoTheJob() throws {
    let command = try SubmitTrainCommand.parse([
        "--dataset", "mine.jsonl", "--adapter", "mine", "--method", "qlora", "--r", "16", "--alpha", "32", "--dropout", "0",
        "--target-modules", "q_proj, v_proj", "--rslora", "--lr", "0.001", "--epochs", "3", "--batch-size", "8", "--grad-accum", "2",
        "--max-length", "256", "--max-steps", "90", "--warmup-steps", "5", "--weight-decay", "0.01", "--seed", "7",
    ])
    let job = command.job()
    #expect(job.baseModel == "default" && job.dataset == "mine.jsonl" && job.adapterName == "mine" && job.method == "qlora")
    #expect(job.lora == LoRASettings(rank: 16, alpha: 32, dropout: 0, targetModules: ["q_proj", "v_proj"], useRslora: true))
    #expect(job.hyperparameters == TrainingHyperparameters(learningRate: 0.001, epochs: 3, batchSize: 8, gradientAccumulationSteps: 2,
                                                           maxSteps: 90, warmupSteps: 5, maxSequenceLength: 256, weightDecay: 0.01,
                                                           seed: 7))
    try job.validate()
}

@Test func submitTrainSendsNoLoRASettingsForFullFineTuningAndRefusesBadJobs() throws {
    #expect(try SubmitTrainCommand.parse(["--dataset", "d", "--adapter", "a", "--method", "full"]).job().lora == nil)
    #expect(throws: (any Error).self) { try SubmitTrainCommand.parse(["--dataset", "d", "--adapter", "Bad Name"]) }
    #expect(throws: (any Error).self) { try SubmitTrainCommand.parse(["--dataset", "d", "--adapter", "a", "--method", "prune"]) }
    #expect(throws: (any Error).self) { try SubmitTrainCommand.parse(["--adapter", "a"]) }
}

@Test func trainAndSubmitTrainShareTheirTuningFlags() throws {
    let local = try TrainCommand.parse(["--output", "/tmp/x", "--r", "4", "--lr", "0.01", "--seed", "3"])
    let submitted = try SubmitTrainCommand.parse(["--dataset", "d", "--adapter", "a", "--r", "4", "--lr", "0.01", "--seed", "3"])
    let spec = try local.spec()
    #expect(spec.rank == submitted.job().lora?.rank && spec.learningRate == submitted.job().hyperparameters.learningRate)
    #expect(Int(spec.seed) == submitted.job().hyperparameters.seed)
}

@Test func submitEvalCarriesItsFlagsIntoTheJob() throws {
    let command = try SubmitEvalCommand.parse(["--variants", "base, lora.code,q4", "--dataset", "mine.jsonl", "--limit", "5",
                                               "--metrics", "BLEU,latency", "--max-tokens", "64", "--temperature", "0.2",
                                               "--samples-per-task", "5", "--k", "1, 5"])
    let job = try command.job()
    #expect(job.variants == ["base", "lora.code", "q4"] && job.dataset == "mine.jsonl" && job.limit == 5)
    #expect(job.metrics == ["bleu", "latency"] && job.maxTokens == 64 && job.temperature == 0.2 && job.trigger == "manual")
    #expect(job.samplesPerTask == 5 && job.k == [1, 5] && job.baseModel == nil)
    #expect(try SubmitEvalCommand.parse(["--variants", "base", "--base-model", "qwen.gguf"]).job().baseModel == "qwen.gguf")
    // The defaults ask the evaluator for everything on the bundled split.
    let plain = try SubmitEvalCommand.parse(["--variants", "base"]).job()
    #expect(plain.dataset == "bundled" && Set(plain.metrics) == Set(SubmitEvalCommand.knownMetrics) && plain.limit == nil)
}

@Test func submitEvalRefusesWhatTheEvaluatorCannotRun() throws {
    for arguments in [["--variants", "base", "--metrics", "speed"], ["--variants", "Base Model"], ["--variants", ","],
                      ["--variants", "base", "--limit", "0"], ["--variants", "base", "--temperature", "-1"],
                      ["--variants", "base", "--max-tokens", "0"], ["--variants", "base", "--timeout", "0"],
                      ["--variants", "base", "--samples-per-task", "4"], ["--variants", "base", "--k", "2"],
                      ["--variants", "base", "--temperature", "1", "--samples-per-task", "4", "--k", "1,x"]] {
        #expect(throws: (any Error).self, "\(arguments)") { try SubmitEvalCommand.parse(arguments) }
    }
}

@Test func evaluatorResultsFillTheSameTableAsLocalOnes() throws {
    let result = EvaluationResult(jobId: UUID(), variant: "q4", dataset: "d", samples: 2, bleu: 12.345, codebleu: 0.5,
                                  passAtK: ["pass@1": 0.5], perplexity: 3.25, latencyP95Ms: 1500, timeToFirstTokenMs: 80,
                                  tokensPerSecond: 20.5, peakRssBytes: 512 << 20, sizeBytes: 400 << 20)
    let table = TradeOffTable.render([TradeOffTable.Row(result)], unavailable: [("lora.x", "no adapter")])
    let lines = table.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    #expect(lines[2] == ["q4", "400.0", "512", "80.0", "20.5", "1500", "12.35", "0.500", "0.500", "3.250"])
    #expect(table.hasSuffix("lora.x: no adapter"))
}
