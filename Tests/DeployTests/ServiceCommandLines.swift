import ArgumentParser
@testable import CLI
@testable import EvaluatorService
@testable import MetricsService
@testable import RouterService
@testable import TrainerService
@testable import WorkerService

/// Checks a deployment's command line against the executable it names, with that executable's
/// own argument parser: an unknown executable or a flag it does not accept is an error.
enum ServiceCommandLines {
    /// The executables this package builds for deployment, by product name.
    static let executables = ["lce", "lce-router", "lce-worker", "lce-metrics", "lce-trainer", "lce-evaluator"]

    /// Returns nil when `command` parses, else what is wrong with it.
    static func problem(with command: [String]) -> String? {
        guard let executable = command.first else { return "empty command" }
        let arguments = Array(command.dropFirst())
        do {
            switch executable {
            case "lce": _ = try LCE.parseAsRoot(arguments)
            case "lce-router": _ = try RouterCommand.parse(arguments)
            case "lce-worker": _ = try WorkerCommand.parse(arguments)
            case "lce-metrics": _ = try MetricsCommand.parse(arguments)
            case "lce-trainer": _ = try TrainerCommand.parse(arguments)
            case "lce-evaluator": _ = try EvaluatorCommand.parse(arguments)
            default: return "\(executable) is not an executable this package builds (\(executables.joined(separator: ", ")))"
            }
        } catch {
            return "\(command.joined(separator: " ")): \(LCE.message(for: error))"
        }
        return nil
    }
}
