import Evaluation
import Foundation
import Messaging

extension EvaluationSample {
    /// The wire form of one task's completion and scores.
    init(jobID: UUID, sample: SampleEvaluation, result: VariantResult) {
        self.init(jobId: jobID, variant: sample.variant, taskId: sample.taskID, sampleIndex: sample.sampleIndex, completion: sample.completion,
                  passed: sample.passed,
                  bleu: sample.bleu, codebleu: sample.codeBLEU, latencyMs: sample.timing.totalSeconds * 1000,
                  completionTokens: sample.timing.completionTokens,
                  error: sample.passed == false ? sample.outcomeDetail : nil)
        model = URL(fileURLWithPath: result.model).lastPathComponent
    }
}
