import ArgumentParser

/// `--experiment`: the name results are filed under in the metrics store (`tradeoff_summary.experiment`), shared by
/// every command that stores or submits a run.
struct ExperimentOptions: ParsableArguments {
    @Option(help: "Experiment name the results are filed under in the metrics store (tradeoff_summary.experiment).")
    var experiment: String?

    func validate() throws {
        guard let experiment else { return }
        guard !experiment.trimmingCharacters(in: .whitespaces).isEmpty, experiment.count <= 200 else {
            throw ValidationError("--experiment must be 1-200 characters and not blank")
        }
    }
}
