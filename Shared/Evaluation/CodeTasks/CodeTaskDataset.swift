import Foundation

/// The bundled code-task dataset: HumanEval-shaped tasks from many families, split into train and held-out eval with no instruction shared between them.
public struct CodeTaskDataset: Sendable, Equatable {
    /// Tasks for fine-tuning.
    public var train: [CodeProblem]
    /// Held-out tasks for evaluation; none repeats a train task's instruction.
    public var eval: [CodeProblem]

    /// The seed of the dataset the project ships.
    public static let defaultSeed: UInt64 = 20_261_126

    /// The names of every task family, e.g. `reverse_string`.
    public static var familyNames: [String] { CodeTaskFamily.all.map(\.name) }

    /// Makes the dataset: up to `tasksPerFamily` tasks per family, every `evalEvery`-th distinct instruction held out.
    ///
    /// An instruction (the docstring's task sentence) belongs to one split only; it may head up to
    /// `tasksPerInstruction` tasks there, which differ in names and examples. Each family draws from
    /// its own generator (seeded from `seed` and the family's position), so a seed always gives the same tasks.
    public static func generate(seed: UInt64 = defaultSeed, tasksPerFamily: Int = 20, evalEvery: Int = 4,
                                tasksPerInstruction: Int = 2) -> CodeTaskDataset {
        var train: [CodeProblem] = [], eval: [CodeProblem] = []
        var instructionIsEval: [String: Bool] = [:]
        var instructionUses: [String: Int] = [:]
        var prompts = Set<String>()
        for (familyIndex, family) in CodeTaskFamily.all.enumerated() {
            var rng = SeededGenerator(seed: seed &+ UInt64(familyIndex) &* 0x1000_0000_01B3)
            var made = 0, newInstructions = 0, attempts = 0
            while made < tasksPerFamily && attempts < tasksPerFamily * 40 {
                attempts += 1
                let draft = family.make(&rng)
                let uses = instructionUses[draft.instruction, default: 0]
                guard uses < tasksPerInstruction, !prompts.contains(draft.prompt) else { continue }
                let isEval: Bool
                if let known = instructionIsEval[draft.instruction] {
                    isEval = known
                } else {
                    isEval = evalEvery > 0 && newInstructions % evalEvery == evalEvery - 1
                    instructionIsEval[draft.instruction] = isEval
                    newInstructions += 1
                }
                instructionUses[draft.instruction] = uses + 1
                prompts.insert(draft.prompt)
                let problem = CodeProblem(taskID: "lce/\(family.name)/\(made)", prompt: draft.prompt,
                                          canonicalSolution: draft.body, test: draft.test, entryPoint: draft.functionName)
                if isEval { eval.append(problem) } else { train.append(problem) }
                made += 1
            }
        }
        return CodeTaskDataset(train: train, eval: eval)
    }

    /// The train split as `{"prompt","completion"}` pairs: each prompt completed by its canonical solution.
    public var trainingPairs: [PromptCompletion] {
        train.map { PromptCompletion(prompt: $0.prompt, completion: $0.canonicalSolution) }
    }

    /// Writes `train.jsonl`, `eval.jsonl` (HumanEval-shaped) and `train_pairs.jsonl` (prompt/completion) into `directory`.
    public func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try JSONLWriter.write(train, to: directory.appendingPathComponent("train.jsonl"))
        try JSONLWriter.write(eval, to: directory.appendingPathComponent("eval.jsonl"))
        try JSONLWriter.write(trainingPairs, to: directory.appendingPathComponent("train_pairs.jsonl"))
    }
}
