import ArgumentParser
import Foundation
import Models
import Training

/// `lce merge`: fold a PEFT LoRA adapter into its base and write one Hugging Face model.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Write base + LoRA adapter as one Hugging Face safetensors model (W + scaling * B * A).",
        discussion: """
        The adapter is a PEFT directory (adapter_config.json, adapter_model.safetensors), made by lce train or by Python PEFT. The output keeps the base's dtypes and every other file of the base directory (config.json, tokenizer files), so it loads wherever the base did.

        Example:
          lce merge --model ~/.lce/models/default --adapter adapters/code --output models/code-merged
        """)

    @Option(help: "Base model, a Hugging Face directory.")
    var model: String

    @Option(help: "PEFT adapter directory.")
    var adapter: String

    @Option(help: "Directory to write the merged model into.")
    var output: String

    func run() throws {
        let modelPath = (model as NSString).expandingTildeInPath
        let adapterPath = (adapter as NSString).expandingTildeInPath
        let outputPath = (output as NSString).expandingTildeInPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: modelPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--model \(modelPath): merging needs a Hugging Face model directory (a GGUF base serves adapters as lora.<adapter> instead)")
        }
        do {
            let layout = try LoRAModelLayout(directory: try ModelDirectory(path: modelPath))
            let loaded = try LoRAAdapter.read(directory: adapterPath, layout: layout)
            let merged = try AdapterMerge.mergeModel(at: modelPath, adapter: loaded, into: outputPath)
            print("merged \(loaded.modules.count) adapted modules (\(merged.count) weights, r \(loaded.config.r), "
                  + "scaling \(loaded.config.scaling)) into \(outputPath)")
        } catch {
            // A failure of the run itself, not of the command line: say what went wrong, without the usage text.
            FileHandle.standardError.write(Data("lce merge: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
