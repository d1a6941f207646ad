import Foundation

/// What a pre-training checkpoint keeps beyond the optimizer state, so a resumed run's model
/// card has the whole loss curve and time.
struct RunRecord: Codable {
    var curve: [PretrainingReport.CurvePoint]
    var initialValidationLoss: Float
    var trainingSeconds: Double
    /// Seconds the first session spent on the tokenizer and on tokenizing (absent in older records).
    var tokenizerSeconds: Double?
    var tokenizingSeconds: Double?
    /// The losses of the last (up to 50) steps, for the final train-loss figure.
    var recentLosses: [Float]?

    /// Writes `run.json` into the checkpoint directory.
    func write(to directory: String) throws {
        let path = directory + "/run.json"
        do {
            try JSONEncoder().encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw TrainingError.invalidArgument("\(path): cannot write the run record: \(error.localizedDescription)")
        }
    }

    /// Reads `run.json` from a checkpoint directory.
    static func read(from directory: String) throws -> RunRecord {
        let path = directory + "/run.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrainingError.invalidData("\(path): cannot read the run record")
        }
        do { return try JSONDecoder().decode(RunRecord.self, from: data) } catch {
            throw TrainingError.invalidData("\(path): \(error)")
        }
    }
}
