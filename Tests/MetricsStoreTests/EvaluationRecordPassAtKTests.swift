import Foundation
import Testing
import MetricsStore

/// How the contracts' `pass@<k>` estimates land in the evaluations table's pass_at_1, pass_at_k and k columns.
struct EvaluationRecordPassAtKTests {
    func record() -> EvaluationRecord {
        EvaluationRecord(eventID: UUID(), runID: UUID(), model: "m", variant: "base", evaluatedAt: Date())
    }

    @Test func passAt1AndTheLargestOtherKAreKept() {
        var record = record()
        record.setPassAtK(["pass@1": 0.25, "pass@10": 0.5, "pass@5": 0.4])
        #expect(record.passAt1 == 0.25 && record.passAtK == 0.5 && record.k == 10)
    }

    @Test func onlyPassAt1LeavesTheKColumnsEmpty() {
        var record = record()
        record.setPassAtK(["pass@1": 0.5])
        #expect(record.passAt1 == 0.5 && record.passAtK == nil && record.k == nil)
        record.setPassAtK(nil)
        #expect(record.passAt1 == nil)
    }

    @Test func keysThatAreNotPassAtAPositiveKAreIgnored() {
        var record = record()
        record.setPassAtK(["1": 0.9, "pass@0": 0.9, "pass@x": 0.9, "pass@3": 0.3])
        #expect(record.passAt1 == nil && record.passAtK == 0.3 && record.k == 3)
    }
}
