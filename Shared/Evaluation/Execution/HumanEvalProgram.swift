/// Builds the program human-eval executes for one completion.
public enum HumanEvalProgram {
    /// `prompt + completion + "\n" + test + "\n" + "check(entry_point)"`, exactly as human-eval's `check_correctness` assembles it.
    public static func source(problem: CodeProblem, completion: String) -> String {
        problem.prompt + completion + "\n" + problem.test + "\n" + "check(\(problem.entryPoint))"
    }
}
