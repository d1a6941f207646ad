/// Why the evaluator could not run a job.
enum EvaluatorError: Error, CustomStringConvertible {
    /// The job's dataset is neither the bundled split nor a readable file.
    case datasetNotFound(String)
    /// The base model could not be found.
    case modelNotFound(String)
    /// Every variant of the job was unavailable; the reasons, one per variant.
    case nothingEvaluated([String])

    var description: String {
        switch self {
        case .datasetNotFound(let path): return "dataset \(path): no such file (use 'bundled' for the code-task eval split)"
        case .modelNotFound(let name): return "model \(name): not a file, a directory, or a model under LCE_HOME/models"
        case .nothingEvaluated(let reasons): return "no variant could be evaluated: " + reasons.joined(separator: "; ")
        }
    }
}
