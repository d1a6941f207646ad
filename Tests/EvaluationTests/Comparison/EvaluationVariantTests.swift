import Testing
@testable import Evaluation

/// The `--variants` list: what it accepts and the messages it gives for what it does not.
struct EvaluationVariantTests {
    @Test func listParsesInOrder() throws {
        #expect(try EvaluationVariant.parseList("base,q8,q4") == [.base, .q8, .q4])
    }

    @Test func adapterVariantsKeepTheirNames() throws {
        #expect(try EvaluationVariant.parseList("lora.python,qlora.python") == [.lora(adapter: "python"), .qlora(adapter: "python")])
        #expect(EvaluationVariant.lora(adapter: "python").description == "lora.python")
    }

    @Test func bareLoRATakesTheAdapterDirectorysName() throws {
        #expect(try EvaluationVariant(parsing: "lora", defaultAdapter: "sql") == .lora(adapter: "sql"))
    }

    @Test func bareLoRAWithoutAdapterIsRejected() {
        #expect(throws: ComparisonError.self) { try EvaluationVariant(parsing: "lora") }
    }

    @Test func unknownVariantIsRejectedWithTheChoices() {
        do {
            _ = try EvaluationVariant.parseList("base,q5")
            Issue.record("q5 was accepted")
        } catch {
            #expect("\(error)".contains("q5"))
            #expect("\(error)".contains("expected base, merged, q8, q4"))
        }
    }

    @Test func emptyEntryAndRepeatsAreRejected() {
        #expect(throws: ComparisonError.self) { try EvaluationVariant.parseList("base,,q8") }
        #expect(throws: ComparisonError.self) { try EvaluationVariant.parseList("q8,q8") }
        #expect(throws: ComparisonError.self) { try EvaluationVariant.parseList("lora.Bad Name") }
    }

    @Test func settingsOutOfRangeAreRejected() {
        #expect(throws: ComparisonError.self) { try ComparisonSettings(maxTokens: 0).validate() }
        #expect(throws: ComparisonError.self) { try ComparisonSettings(temperature: -1).validate() }
        #expect(throws: ComparisonError.self) { try ComparisonSettings(topP: 0).validate() }
    }
}
