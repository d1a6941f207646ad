import Foundation
import Training

/// A tiny Python corpus written to a scratch directory, and the small settings the tests train with.
enum PretrainingFixture {
    /// Writes eight small Python modules into a new scratch directory and returns its path.
    static func corpus() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lce-pretrain-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let names = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
        for (index, name) in names.enumerated() {
            var text = "\"\"\"The \(name) module.\"\"\"\nimport os\nimport sys\n\n\n"
            for n in 0..<6 {
                text += """
                def \(name)_\(n)(value, count=\(index + n)):
                    \"\"\"Return value repeated count times.\"\"\"
                    result = []
                    for i in range(count):
                        result.append(value)
                    return result


                class \(name.capitalized)\(n):
                    def __init__(self, path):
                        self.path = os.path.join(path, "\(name)")

                    def exists(self):
                        return os.path.exists(self.path)


                """
            }
            try text.write(to: root.appendingPathComponent("\(name).py"), atomically: true, encoding: .utf8)
        }
        return root.path
    }

    /// A new empty scratch directory for a run's output.
    static func outputDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("lce-pretrain-out-\(UUID().uuidString)")
    }

    /// Settings small enough to train in a second: one layer of width 32, 16-token context.
    static func options(corpus: String, steps: Int = 40) -> PretrainingOptions {
        var options = PretrainingOptions()
        options.corpusRoot = corpus
        options.vocabularySize = 320
        options.layers = 1
        options.hidden = 32
        options.heads = 2
        options.context = 16
        options.steps = steps
        options.batchSize = 4
        options.learningRate = 1e-2
        options.warmupSteps = 4
        options.threads = 1
        options.validationFraction = 0.2
        options.evaluationInterval = 20
        options.evaluationSequences = 16
        options.checkpointInterval = 0
        return options
    }
}
