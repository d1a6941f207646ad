import Evaluation
import Foundation
import Messaging

extension EvaluationResult {
    /// The wire form of one evaluated variant's row.
    init(jobID: UUID, result: VariantResult) {
        let profile = result.profile
        self.init(jobId: jobID, variant: result.variant, dataset: result.dataset, samples: result.samples, bleu: result.bleu,
                  bleuSignature: result.bleuSignature, codebleu: result.codeBLEU?.total,
                  passAtK: result.passAtK, perplexity: result.perplexity,
                  latencyP50Ms: profile?.latencyP50Ms, latencyP95Ms: profile?.latencyP95Ms,
                  timeToFirstTokenMs: profile?.timeToFirstTokenMs, timePerOutputTokenMs: profile?.timePerOutputTokenMs,
                  tokensPerSecond: profile?.tokensPerSecond, peakRssBytes: profile?.peakRSSBytes, sizeBytes: profile?.sizeBytes)
        model = URL(fileURLWithPath: result.model).lastPathComponent
        hardware = HardwareInfo(cpuModel: result.hardware.cpuModel, isaFlags: result.hardware.isaFlags,
                                logicalCpus: result.hardware.logicalCPUs, threads: result.hardware.threads,
                                blasKernel: result.hardware.blasKernel, architecture: result.hardware.architecture)
        configHash = result.configHash
    }
}
