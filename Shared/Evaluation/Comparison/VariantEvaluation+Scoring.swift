extension VariantEvaluation {
    /// Scores a variant's completions and assembles its row. With several draws per task every draw is scored
    /// against its task's reference; pass@k comes from the draws that pass.
    func score(_ generated: GeneratedVariant, variant: EvaluationVariant, configHash: String,
               sandbox: Sandbox?) async throws -> VariantResult {
        let draws = settings.samplesPerTask
        let problems = dataset.problems
        let completions = generated.completions
        // The task of each completion, in the order they were drawn.
        let tasks = completions.indices.map { problems[$0 / draws] }
        let bleuMetric = BLEU()
        let corpus = try bleuMetric.corpusScore(pairs: zip(tasks, completions).map {
            ReferenceCandidate(reference: $0.canonicalSolution, candidate: $1)
        })
        // CodeBLEU's syntax and data-flow parts need code that parses, so it compares whole functions:
        // the prompt (signature and docstring) followed by the completion or the reference body.
        let referenceFunctions = tasks.map { $0.prompt + $0.canonicalSolution }
        let candidateFunctions = zip(tasks, completions).map { $0.prompt + $1 }
        let codeBLEU = try? CodeBLEU.score(references: referenceFunctions, candidates: candidateFunctions,
                                           weights: settings.codeBLEUWeights)

        var outcomes: [SampleResult]?
        var passAtK: [Int: Double]?
        if settings.passAtK, let sandbox {
            let samples = zip(tasks, completions).map { CompletionSample(taskID: $0.taskID, completion: $1) }
            let report = try await PassAtKEvaluator(sandbox: sandbox).evaluate(problems: problems, samples: samples,
                                                                               ks: settings.passAtKValues)
            outcomes = report.samples
            passAtK = report.passAtK
        }

        var samples: [SampleEvaluation] = []
        var exactMatches = 0
        for (index, problem) in tasks.enumerated() {
            let completion = completions[index]
            let exact = SampleEvaluation.normalizedForExactMatch(completion)
                == SampleEvaluation.normalizedForExactMatch(problem.canonicalSolution)
            if exact { exactMatches += 1 }
            let sentence = try? BLEU.sentenceLevel.sentenceScore(hypothesis: completion, references: [problem.canonicalSolution])
            let sampleCodeBLEU = try? CodeBLEU.score(references: [referenceFunctions[index]], candidates: [candidateFunctions[index]],
                                                     weights: settings.codeBLEUWeights)
            samples.append(SampleEvaluation(variant: variant.description, taskID: problem.taskID, sampleIndex: index % draws,
                                            prompt: problem.prompt, reference: problem.canonicalSolution, completion: completion,
                                            bleu: sentence?.score, codeBLEU: sampleCodeBLEU?.total, exactMatch: exact,
                                            outcome: outcomes?[index].outcome, outcomeDetail: outcomes?[index].result,
                                            timing: generated.timings[index]))
        }
        let profile = GenerationProfile(timings: generated.timings, peakRSSBytes: generated.peakRSSBytes,
                                        loadTimeMs: generated.loadTimeMs, sizeBytes: generated.sizeBytes)
        return VariantResult(variant: variant.description, model: modelPath, dataset: dataset.name, samples: problems.count,
                             bleu: corpus.score, bleuSignature: bleuMetric.signature(referenceCount: 1), codeBLEU: codeBLEU,
                             passAt1: passAtK?[1],
                             passAtK: passAtK.map { Dictionary(uniqueKeysWithValues: $0.map { ("pass@\($0.key)", $0.value) }) },
                             exactMatch: Double(exactMatches) / Double(completions.count),
                             perplexity: generated.perplexity?.value, profile: profile, configHash: configHash,
                             hardware: hardware, sampleResults: samples)
    }
}
