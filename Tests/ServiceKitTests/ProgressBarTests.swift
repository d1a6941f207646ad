import Testing
@testable import ServiceKit

@Suite struct ProgressBarTests {
    @Test func rendersFractionRateEtaAndExtras() {
        let text = ProgressBar.render(title: "train", done: 5, total: 10, elapsed: 2.5, width: 10, extra: "loss 1.25")
        #expect(text == "train [#####-----] 5/10 50% 2.0/s eta 3s loss 1.25")
    }

    @Test func formatsLongDurations() {
        #expect(ProgressBar.formatDuration(42) == "42s")
        #expect(ProgressBar.formatDuration(185) == "3m05s")
        #expect(ProgressBar.formatDuration(3720) == "1h02m")
    }
}
