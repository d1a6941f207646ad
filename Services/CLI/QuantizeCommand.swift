import ArgumentParser
import Foundation
import Models
import ServiceKit
import Tensor

/// `lce quantize`: makes the 8-bit or 4-bit variant of a model in this process and saves it as a
/// GGUF file that both this engine and llama.cpp run.
struct QuantizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantize",
        abstract: "Quantize a model's linear layers to 8 or 4 bits in this process and write a GGUF file.",
        discussion: """
        q8 stores every linear weight as Q8_0; q4 as Q4_K where a row is whole 256-element super-blocks \
        and Q4_0 otherwise (e.g. Qwen2.5-0.5B's 896-wide rows). Quantized sources are dequantized first, \
        so any GGUF or Hugging Face LLaMA/Qwen2 model works; embeddings and norms are kept as stored. \
        The tokenizer is copied from a GGUF source.

        Examples:
          M=~/.cache/lce/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf
          lce quantize --model $M --format q8 --output /tmp/qwen-q8_0.gguf
          lce quantize --model ./Qwen2.5-Coder-0.5B --format q4 --output q4.gguf
        """)

    /// The variant written.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case q8, q4

        /// The layout linear weights are quantized to (Q4_K falls back per row width, see ModelQuantizer.layout).
        var target: DType { self == .q8 ? .q8_0 : .q4_K }
    }

    /// A problem with the command's input, reported as one line.
    struct Failure: Error, CustomStringConvertible {
        /// What went wrong and what to do about it.
        let description: String
    }

    @Option(name: .long, help: "A GGUF file or a Hugging Face model directory (LLaMA or Qwen2).")
    var model: String

    @Option(name: .long, help: "q8 (Q8_0) or q4 (Q4_K where rows allow, Q4_0 otherwise).")
    var format: Format

    @Option(name: .long, help: "The GGUF file to write.")
    var output: String

    @Option(name: .long, help: "Threads for quantizing (default: all cores).")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        guard !output.isEmpty else { throw ValidationError("--output must name a file") }
    }

    func run() throws {
        if let threads { Threading.count = threads }
        let source = (model as NSString).expandingTildeInPath
        let destination = (output as NSString).expandingTildeInPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
            throw Failure(description: "model not found: \(source) (give a GGUF file or a Hugging Face model directory)")
        }
        guard (destination as NSString).standardizingPath != (source as NSString).standardizingPath else {
            throw Failure(description: "--output \(destination) is the source model; write the variant to another file")
        }

        let started = Date()
        let loaded = try LoadedModel.load(path: source)
        let tokenizerSource = isDirectory.boolValue ? nil : try GGUFFile(path: source)
        if tokenizerSource == nil {
            Self.note("\(source) is not a GGUF file: its tokenizer is not copied, so llama.cpp cannot run the output")
        }

        // Count the linear weights first so the progress line has a total; no bytes are copied.
        var total = 0
        _ = try loaded.model.mapLinearWeights { _, weight in total += 1; return weight }
        let progress = ProgressBar(title: "quantize \(format.rawValue)", total: total)
        var done = 0, bytesBefore = 0, bytesAfter = 0
        var layouts: [DType: Int] = [:]
        let linear = try loaded.model.mapLinearWeights { _, weight in
            let dtype = ModelQuantizer.layout(for: format.target, cols: weight.cols)
            let result: WeightMatrix
            if weight.dtype == dtype {
                result = weight
            } else if dtype == .f32 {
                result = try WeightMatrix.fromFloat32(weight.toFloat32(), rows: weight.rows, cols: weight.cols)
            } else {
                result = try WeightMatrix.quantize(weight.toFloat32(), rows: weight.rows, cols: weight.cols, to: dtype)
            }
            bytesBefore += weight.rows * weight.rowBytes
            bytesAfter += result.rows * result.rowBytes
            layouts[dtype, default: 0] += 1
            done += 1
            // The last weight is drawn by finish(), so a log off a terminal gets one final line.
            if done < total { progress.update(done: done) }
            return result
        }
        progress.finish()
        // The embedding and output head too, as llama.cpp's quantized files do (the head is read every token).
        let variant = try ModelQuantizer.quantizingEmbedding(of: linear, to: format.target)

        let name = ((source as NSString).lastPathComponent as NSString).deletingPathExtension + "-" + format.rawValue
        try ModelGGUFExport.write(variant, to: destination, name: name, tokenizerFrom: tokenizerSource)

        let before = Self.size(of: source, isDirectory: isDirectory.boolValue)
        let after = Self.size(of: destination, isDirectory: false)
        let mix = layouts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        print("wrote \(destination) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        print("linear weights: \(total) (\(mix)), \(Self.mebibytes(bytesBefore)) -> \(Self.mebibytes(bytesAfter))")
        print("size on disk:   \(Self.mebibytes(before)) -> \(Self.mebibytes(after))"
              + (before > 0 ? String(format: " (%.2fx)", Double(after) / Double(before)) : ""))
    }

    /// A file's size, or the total of a model directory's weight files.
    static func size(of path: String, isDirectory: Bool) -> Int {
        let files: [String]
        if isDirectory {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { $0.hasSuffix(".safetensors") || $0.hasSuffix(".bin") }.map { path + "/" + $0 }
        } else {
            files = [path]
        }
        return files.reduce(0) { total, file in
            let attributes = try? FileManager.default.attributesOfItem(atPath: file)
            return total + ((attributes?[.size] as? NSNumber)?.intValue ?? 0)
        }
    }

    /// "469.6 MiB".
    static func mebibytes(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }

    /// A warning on stderr.
    static func note(_ text: String) { FileHandle.standardError.write(Data("note: \(text)\n".utf8)) }
}
