import Foundation
import Testing
@testable import Evaluation
import Models
import Tensor
import Training

/// The side-by-side run on a tiny model: one row per variant, each with the hardware and a stable configuration hash.
struct VariantEvaluationTests {
    static let problems = [
        CodeProblem(taskID: "tiny/0", prompt: "def one():\n", canonicalSolution: "    return 1\n",
                    test: "def check(candidate):\n    assert candidate() == 1\n", entryPoint: "one"),
        CodeProblem(taskID: "tiny/1", prompt: "def two():\n", canonicalSolution: "    return 2\n",
                    test: "def check(candidate):\n    assert candidate() == 2\n", entryPoint: "two"),
    ]

    func evaluation(maxTokens: Int = 4, passAtK: Bool = false) -> VariantEvaluation {
        VariantEvaluation(modelPath: TinyModelFixture.modelDirectory,
                          dataset: EvaluationDataset(name: "tiny", problems: Self.problems),
                          settings: ComparisonSettings(maxTokens: maxTokens, passAtK: passAtK),
                          hardware: TinyModelFixture.hardware, load: { try TinyModelFixture.load($0) })
    }

    @Test func runGivesOneRowPerVariantInOrder() async throws {
        let results = try await evaluation().run(variants: [.base, .q8, .q4, .lora(adapter: "python")], sandbox: nil)
        #expect(results.map(\.variant) == ["base", "q8", "q4", "lora.python"])
        #expect(results.allSatisfy { $0.hardware == TinyModelFixture.hardware })
        #expect(Set(results.map(\.configHash)).count == 4)
    }

    @Test func evaluatedRowCarriesScoresAndProfile() async throws {
        let results = try await evaluation().run(variants: [.base], sandbox: nil)
        let base = try #require(results.first)
        #expect(base.isAvailable)
        #expect(base.samples == 2)
        #expect(base.sampleResults.map(\.taskID) == ["tiny/0", "tiny/1"])
        #expect(base.sampleResults.allSatisfy { $0.timing.completionTokens <= 4 })
        #expect(base.bleu != nil)
        #expect(base.bleuSignature?.hasPrefix("nrefs:1") == true)
        #expect((base.perplexity ?? 0) > 1)
        #expect(base.exactMatch == 0)
        let profile = try #require(base.profile)
        #expect(profile.requests == 2)
        #expect(profile.sizeBytes == (try DiskSize.bytes(atPath: TinyModelFixture.modelDirectory)))
        #expect((profile.peakRSSBytes ?? 0) > 0)
    }

    @Test func quantizedVariantIsSmallerThanTheFloatBase() async throws {
        let results = try await evaluation().run(variants: [.base, .q4], sandbox: nil)
        let base = try #require(results[0].profile?.sizeBytes)
        let q4 = try #require(results[1].profile?.sizeBytes)
        #expect(q4 < base / 2)
    }

    @Test func adapterVariantWithoutItsFilesIsUnavailable() async throws {
        var run = evaluation()
        run.adapterDirectories = ["gone": "/nonexistent/adapters/gone"]
        let results = try await run.run(variants: [.qlora(adapter: "x"), .lora(adapter: "gone"), .merged], sandbox: nil)
        #expect(results[0].unavailableReason?.contains("no adapter named x") == true)
        #expect(results[1].unavailableReason?.contains("no adapter at /nonexistent/adapters/gone") == true)
        #expect(results[2].unavailableReason?.contains("--merged") == true)
        #expect(results.allSatisfy { $0.profile == nil })
    }

    /// Writes a PEFT adapter for the tiny model with both matrices random, so it changes every targeted weight.
    static func writeAdapter() throws -> String {
        let base = try TinyModelFixture.load(TinyModelFixture.modelDirectory)
        let layout = try LoRAModelLayout(shape: base.model.shape)
        let config = AdapterConfig(r: 4, loraAlpha: 8, targetModules: .allLinear)
        var random = TrainingRandom(seed: 7)
        let fresh = try LoRAAdapter(config: config, layout: layout, random: &random)
        var weights: [String: LoRAWeights] = [:]
        for (path, pair) in fresh.weights.sorted(by: { $0.key < $1.key }) {
            for i in 0..<pair.b.count { pair.b.data[i] = random.nextFloat(in: -0.05, 0.05) }
            weights[path] = pair
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lce-eval-adapter-\(UUID().uuidString)").path
        try LoRAAdapter(config: config, layout: layout, weights: weights).write(to: directory)
        return directory
    }

    @Test func adapterVariantsGenerateThroughTheAdapter() async throws {
        let directory = try Self.writeAdapter()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var run = evaluation()
        run.adapterDirectories = ["t": directory]
        let results = try await run.run(variants: [.base, .lora(adapter: "t"), .qlora(adapter: "t")], sandbox: nil)
        #expect(results.map(\.variant) == ["base", "lora.t", "qlora.t"])
        #expect(results.allSatisfy { $0.isAvailable })
        let base = try #require(results[0].perplexity), lora = try #require(results[1].perplexity)
        let qlora = try #require(results[2].perplexity)
        // The adapter moves every targeted weight, so the reference text's perplexity moves with it.
        #expect(abs(lora - base) > 1e-3 * base, "base \(base), lora \(lora), qlora \(qlora)")
        // QLoRA serves the same adapter over a 4-bit base: close to LoRA's figure, not equal to it.
        #expect(qlora != lora)
        #expect(abs(qlora - lora) < 0.5 * lora, "base \(base), lora \(lora), qlora \(qlora)")
        // Size on disk is what a deployment keeps: the base files (or 4-bit weights) plus the adapter's files.
        let adapterBytes = try DiskSize.bytes(atPath: directory)
        let baseBytes = try DiskSize.bytes(atPath: TinyModelFixture.modelDirectory)
        #expect(results[1].profile?.sizeBytes == baseBytes + adapterBytes)
        #expect((results[2].profile?.sizeBytes ?? .max) < baseBytes / 2 + adapterBytes)
    }

    @Test func passAtOneRunsCompletionsInTheSandbox() async throws {
        let sandbox = try Sandbox()
        let results = try await evaluation(passAtK: true).run(variants: [.base], sandbox: sandbox)
        let base = try #require(results.first)
        // The tiny random model cannot write `return 1`; its completions fail their tests.
        #expect(base.passAt1 == 0)
        #expect(base.sampleResults.allSatisfy { $0.outcome != nil && $0.passed == false })
    }

    @Test func severalDrawsPerTaskAreScoredEachAndGivePassAtK() async throws {
        let sandbox = try Sandbox()
        var run = evaluation(passAtK: true)
        run.settings.temperature = 1
        run.settings.samplesPerTask = 3
        run.settings.passAtKValues = [1, 3]
        let result = try #require(try await run.run(variants: [.base], sandbox: sandbox).first)
        #expect(result.samples == 2)
        #expect(result.sampleResults.map(\.taskID) == ["tiny/0", "tiny/0", "tiny/0", "tiny/1", "tiny/1", "tiny/1"])
        #expect(result.sampleResults.map(\.sampleIndex) == [0, 1, 2, 0, 1, 2])
        #expect(result.profile?.requests == 6)
        // Each draw has a seed of its own, so a task's draws differ; the tiny model passes no test.
        let firstTask = result.sampleResults.prefix(3).map(\.completion)
        #expect(Set(firstTask).count > 1, "\(firstTask)")
        #expect(result.passAtK == ["pass@1": 0, "pass@3": 0] && result.passAt1 == 0)
        // The same settings draw the same completions again.
        let again = try #require(try await run.run(variants: [.base], sandbox: nil).first)
        #expect(again.sampleResults.map(\.completion) == result.sampleResults.map(\.completion))
    }

    @Test func drawsAndKsAreCheckedBeforeAnythingRuns() async throws {
        var run = evaluation()
        run.settings.samplesPerTask = 2
        await #expect(throws: ComparisonError.self) { _ = try await run.run(variants: [.base], sandbox: nil) }  // temperature 0
        run.settings.temperature = 0.8
        run.settings.passAtKValues = [1, 3]
        await #expect(throws: ComparisonError.self) { _ = try await run.run(variants: [.base], sandbox: nil) }  // k above n
        run.settings.passAtKValues = []
        await #expect(throws: ComparisonError.self) { _ = try await run.run(variants: [.base], sandbox: nil) }
        #expect(try ComparisonSettings.passAtKValues(parsing: "1, 10") == [1, 10])
        #expect(throws: ComparisonError.self) { try ComparisonSettings.passAtKValues(parsing: "1,ten") }
    }

    @Test func oneDrawPerTaskHashesAsBeforeDrawsWereSettable() throws {
        // One-sample settings encode without the new fields, so rows stored before them keep matching.
        let json = String(decoding: try JSONEncoder().encode(ComparisonSettings()), as: UTF8.self)
        #expect(!json.contains("drawnPerTask") && !json.contains("reportedKs"))
        var sampled = evaluation()
        sampled.settings.temperature = 0.8
        let plain = try sampled.configHash(variant: .base)
        sampled.settings.samplesPerTask = 4
        #expect(try sampled.configHash(variant: .base) != plain)
    }

    @Test func eachRowIsHandedOverBeforeTheNextVariantLoads() async throws {
        let log = EventLog()
        var run = evaluation()
        run.load = { path in
            log.append("load")
            return try TinyModelFixture.load(path)
        }
        run.adapterDirectories = ["gone": "/nonexistent/adapters/gone"]
        let results = try await run.run(variants: [.base, .lora(adapter: "gone"), .q8], sandbox: nil, finished: { result in
            log.append("row \(result.variant)")
        })
        #expect(log.entries == ["load", "row base", "load", "row lora.gone", "load", "row q8"])
        #expect(results.map(\.variant) == ["base", "lora.gone", "q8"])
    }

    @Test func configurationHashIsStableAndFollowsTheSettings() throws {
        let first = try evaluation().configHash(variant: .base)
        let again = try evaluation().configHash(variant: .base)
        let otherTokens = try evaluation(maxTokens: 5).configHash(variant: .base)
        let otherVariant = try evaluation().configHash(variant: .q8)
        #expect(first == again)
        #expect(first.hasPrefix("fnv1a64:") && first.count == 24)
        #expect(first != otherTokens)
        #expect(first != otherVariant)
    }

    @Test func emptyDatasetIsAnError() async throws {
        var empty = evaluation()
        empty.dataset = EvaluationDataset(name: "none", problems: [])
        await #expect(throws: ComparisonError.emptyDataset("none")) {
            _ = try await empty.run(variants: [.base], sandbox: nil)
        }
    }

    @Test func progressReachesTheTotal() async throws {
        let seen = ProgressLog()
        let run = evaluation()
        _ = try await run.run(variants: [.base, .lora(adapter: "a")], sandbox: nil) { _, done, total in seen.record(done, total) }
        #expect(seen.last == run.progressTotal(variants: [.base, .lora(adapter: "a")]))
    }
}

/// Collects progress callbacks from the generation thread.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [(Int, Int)] = []
    func record(_ done: Int, _ total: Int) { lock.withLock { values.append((done, total)) } }
    var last: Int? { lock.withLock { values.last?.0 } }
}

/// What happened, in order, across threads.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []
    func append(_ entry: String) { lock.withLock { values.append(entry) } }
    var entries: [String] { lock.withLock { values } }
}
