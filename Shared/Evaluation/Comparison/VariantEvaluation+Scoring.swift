extension VariantEvaluation {
    /// Scores a variant's completions and assembles its row.
    func score(_ generated: GeneratedVariant, variant: EvaluationVariant, configHash: String,
               sandbox: Sandbox?) async throws -> VariantResult {
        let problems = dataset.problems
        let references = problems.map(\.canonicalSolution)
        let completions = generated.completions
        let bleuMetric = BLEU()
        let corpus = try bleuMetric.corpusScore(pairs: zip(references, completions).map {
            ReferenceCandidate(reference: $0, candidate: $1)
        })
        // CodeBLEU's syntax and data-flow parts need code that parses, so it compares whole functions:
        // the prompt (signature and docstring) followed by the completion or the reference body.
        let referenceFunctions = problems.map { $0.prompt + $0.canonicalSolution }
        let candidateFunctions = zip(problems, completions).map { $0.prompt + $1 }
        let codeBLEU = try? CodeBLEU.score(references: referenceFunctions, candidates: candidateFunctions,
                                           weights: settings.codeBLEUWeights)

        var outcomes: [SampleResult]?
        var passAt1: Double?
        if settings.passAtK, let sandbox {
            let samples = zip(problems, completions).map { CompletionSample(taskID: $0.taskID, completion: $1) }
            let report = try await PassAtKEvaluator(sandbox: sandbox).evaluate(problems: problems, samples: samples, ks: [1])
            outcomes = report.samples
            passAt1 = report.passAtK[1]
        }

        var samples: [SampleEvaluation] = []
        var exactMatches = 0
        for (index, problem) in problems.enumerated() {
            let completion = completions[index]
            let exact = SampleEvaluation.normalizedForExactMatch(completion)
                == SampleEvaluation.normalizedForExactMatch(problem.canonicalSolution)
            if exact { exactMatches += 1 }
            let sentence = try? BLEU.sentenceLevel.sentenceScore(hypothesis: completion, references: [problem.canonicalSolution])
            let sampleCodeBLEU = try? CodeBLEU.score(references: [referenceFunctions[index]], candidates: [candidateFunctions[index]],
                                                     weights: settings.codeBLEUWeights)
            samples.append(SampleEvaluation(variant: variant.description, taskID: problem.taskID, prompt: problem.prompt,
                                            reference: problem.canonicalSolution, completion: completion,
                                            bleu: sentence?.score, codeBLEU: sampleCodeBLEU?.total, exactMatch: exact,
                                            outcome: outcomes?[index].outcome, outcomeDetail: outcomes?[index].result,
                                            timing: generated.timings[index]))
        }
        let profile = GenerationProfile(timings: generated.timings, peakRSSBytes: generated.peakRSSBytes,
                                        loadTimeMs: generated.loadTimeMs, sizeBytes: generated.sizeBytes)
        return VariantResult(variant: variant.description, model: modelPath, dataset: dataset.name, samples: problems.count,
                             bleu: corpus.score, bleuSignature: bleuMetric.signature(referenceCount: 1), codeBLEU: codeBLEU,
                             passAt1: passAt1, exactMatch: Double(exactMatches) / Double(problems.count),
                             perplexity: generated.perplexity?.value, profile: profile, configHash: configHash,
                             hardware: hardware, sampleResults: samples)
    }
}
