import Testing
import Routing

@Suite struct RoutingPolicyTests {
    let policy = RoutingPolicy()
    let everyone: Set<String> = ["base", "lora.default", "q8"]

    @Test func shortPlainPromptGoesToLoRAAsThePrototypeDid() {
        let choice = policy.decide(features: .init(tokenCount: 40, lineCount: 1, codeSignals: 0), requested: nil, live: everyone)
        #expect(choice.variant == "lora.default")
        #expect(!choice.isFallback)
        #expect(choice.reason.contains("40 tokens <= 40"))
    }

    @Test func promptOverTheTokenThresholdGoesToBase() {
        let choice = policy.decide(features: .init(tokenCount: 41, lineCount: 1, codeSignals: 0), requested: nil, live: everyone)
        #expect(choice.variant == "base")
        #expect(choice.reason.contains("41 tokens > 40"))
    }

    @Test func shortButCodeHeavyPromptGoesToBase() {
        let choice = policy.decide(features: .init(tokenCount: 20, lineCount: 6, codeSignals: 3), requested: nil, live: everyone)
        #expect(choice.variant == "base")
        #expect(choice.reason.contains("code-heavy"))
    }

    @Test func explicitVariantIsHonoured() {
        let choice = policy.decide(features: .init(tokenCount: 500, lineCount: 1, codeSignals: 9), requested: "q8", live: everyone)
        #expect(choice.variant == "q8")
        #expect(choice.reason == "explicit variant q8")
    }

    @Test func variantWithoutLiveWorkerFallsBackAndSaysWhy() {
        let choice = policy.decide(features: .init(tokenCount: 5, lineCount: 1, codeSignals: 0), requested: nil, live: ["base"])
        #expect(choice.variant == "base")
        #expect(choice.wanted == "lora.default")
        #expect(choice.isFallback)
        #expect(choice.reason.contains("no live worker for lora.default"))
    }

    @Test func noLiveWorkerAnywhereGivesNoVariant() {
        let choice = policy.decide(features: .init(tokenCount: 5, lineCount: 1, codeSignals: 0), requested: nil, live: [])
        #expect(choice.variant == nil)
        #expect(choice.isFallback)
    }

    @Test func thresholdsAreSettable() {
        let strict = RoutingPolicy(maxSimpleTokens: 10, maxSimpleCodeSignals: 0)
        #expect(strict.decide(features: .init(tokenCount: 11, lineCount: 1, codeSignals: 0), requested: nil, live: everyone).variant == "base")
        #expect(strict.decide(features: .init(tokenCount: 9, lineCount: 1, codeSignals: 1), requested: nil, live: everyone).variant == "base")
        #expect(strict.decide(features: .init(tokenCount: 9, lineCount: 1, codeSignals: 0), requested: nil, live: everyone).variant == "lora.default")
    }
}

@Suite struct PromptFeaturesTests {
    @Test func plainQuestionHasNoCodeSignals() {
        #expect(PromptFeatures.codeSignals(in: "Write a Python function to reverse a string.") == 0)
    }

    @Test func pastedFunctionWithLoopHasSeveral() {
        let code = "Fix this:\ndef f(xs):\n    for x in xs:\n        if x:\n            return x\n"
        // def, for (indented + opener), if (indented + opener), return (indented + opener)
        #expect(PromptFeatures.codeSignals(in: code) == 7)
        #expect(PromptFeatures(prompt: code, tokenCount: 20).lineCount == 6)
    }

    @Test func deepBracketNestingCounts() {
        #expect(PromptFeatures.codeSignals(in: "f(g(h(i(x))))") == 2)
    }
}

@Suite struct VariantIDTests {
    @Test func acceptsTheKnownShapes() {
        for name in ["base", "merged", "q8", "q4", "lora.sql-v2", "qlora.a_1"] {
            #expect(VariantID.problem(with: name) == nil)
        }
    }

    @Test func rejectsUnknownNamesAndBadAdapterNames() {
        #expect(VariantID.problem(with: "q3")?.contains("unknown variant 'q3'") == true)
        #expect(VariantID.problem(with: "lora.") != nil)
        #expect(VariantID.problem(with: "lora.a b") != nil)
        #expect(VariantID.problem(with: "lora.#") != nil)
    }
}
