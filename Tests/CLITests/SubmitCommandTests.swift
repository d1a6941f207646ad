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
