import Testing
import Models

/// Stop strings are found across token boundaries and never reach the caller.
struct StopSequencesTests {
    @Test func stopStringSplitAcrossPiecesIsCutBeforeIt() {
        var stops = StopSequences(["\n\n"])
        #expect(stops.append("return s") == "return s")
        #expect(stops.append("[::-1]\n") == "[::-1]")
        #expect(!stops.stopped)
        #expect(stops.append("\nprint") == "")
        #expect(stops.stopped)
        #expect(stops.finish() == "")
    }

    @Test func heldBackTextIsReleasedWhenItStopsLookingLikeAStop() {
        var stops = StopSequences(["<|im_end|>"])
        #expect(stops.append("a <|im") == "a ")
        #expect(stops.append("age|>") == "<|image|>")
        #expect(!stops.stopped)
    }

    @Test func finishReleasesTheHeldBackTail() {
        var stops = StopSequences(["END"])
        #expect(stops.append("the EN") == "the ")
        #expect(stops.finish() == "EN")
    }

    @Test func earliestOfSeveralStopsWins() {
        var stops = StopSequences(["xyz", "b"])
        #expect(stops.append("a b xyz") == "a ")
        #expect(stops.stopped)
    }

    @Test func withoutStopsEverythingPassesThrough() {
        var stops = StopSequences([])
        #expect(stops.append("é\n\n") == "é\n\n")
    }
}
