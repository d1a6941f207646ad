import BenchmarkKit
import Foundation
import Training

/// The parent run: prepares the Float32 checkpoint, runs each method's child and the PyTorch
/// reference, and prints every figure with the environment and the ratios against the targets.
struct BenchmarkReport {
    /// The command line.
    let options: TrainingBenchmark
    /// The methods to measure.
    let methods: [TrainingMethod]

    func run() throws {
        let loadBefore = SystemLoad.current()
        let source = try options.modelPath()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
            throw ChildProcess.Failure(description: "model not found: \(source)")
        }
        let gguf = isDirectory.boolValue ? nil : source
        var checkpoint = source
        var checkpointNote = "as given"
        if let gguf {
            let started = Clock.seconds()
            let made = try Float32ModelExport.directory(for: gguf, cache: (options.cache as NSString).expandingTildeInPath)
            checkpoint = made.path
            checkpointNote = made.reused ? "reused from the cache" : "dequantized from the GGUF in \(f(Clock.seconds() - started, 1)) s"
        }

        print("lce-bench-training: \((source as NSString).lastPathComponent), batch \(options.batchSize) × \(options.sequenceLength)"
              + " tokens, \(options.threads) threads, median of \(options.steps) steps after \(options.warmup) warm-up")
        print("machine: \(KernelReport.cpu), \(SystemLoad.processors) logical CPUs; load average at start \(loadBefore)")
        print("BLAS: \(KernelReport.blas)")
        print("Float32 checkpoint: \(checkpoint) (\(checkpointNote))")
        print("LoRA: r \(options.r), alpha \(f(options.alpha, 0)), dropout \(options.dropout), targets \(options.targetModules)")
        print("")

        var results: [MethodFigures] = []
        var skipped: [String] = TrainingMethod.allCases.filter { !methods.contains($0) }.map { "\($0.rawValue) (not in --methods)" }
        for method in methods {
            do {
                let figures = try ChildProcess.runJSON(ChildProcess.currentExecutable,
                                                       options.childArguments(method, checkpoint: checkpoint, gguf: gguf),
                                                       as: MethodFigures.self)
                printMethod(figures)
                results.append(figures)
            } catch {
                print("\(method.rawValue): failed: \(error)")
                skipped.append("\(method.rawValue) (failed)")
            }
        }

        var peft: PEFTReference.Figures?
        var peftNote = "skipped (--no-peft)"
        if !options.noPeft {
            switch PEFTReference.locate(explicit: options.python, script: options.peftScript) {
            case .success(let reference):
                do {
                    let figures = try reference.run(model: checkpoint, sequences: options.batchSize, length: options.sequenceLength,
                                                    warmup: options.warmup, steps: options.steps, threads: options.threads,
                                                    rank: options.r, alpha: options.alpha, dropout: options.dropout,
                                                    targetModules: options.targets)
                    peftNote = "\(reference.python) \((reference.script as NSString).lastPathComponent)"
                    printPEFT(figures, note: peftNote)
                    peft = figures
                } catch {
                    peftNote = "failed: \(error)"
                }
            case .failure(let reason):
                peftNote = "skipped: no Python with torch + peft (\(reason))"
            }
        }
        if peft == nil { print("PyTorch + PEFT: \(peftNote)") }
        let loadAfter = SystemLoad.current()
        print("")

        printSummary(results, peft: peft)
        printRatios(results, peft: peft, peftNote: peftNote, gguf: gguf, checkpoint: checkpoint)
        if !skipped.isEmpty { print("skipped: \(skipped.joined(separator: ", "))") }
        print("load average at end \(loadAfter)")
    }

    /// One method's detail lines.
    func printMethod(_ m: MethodFigures) {
        print("\(m.method): d_model \(m.hiddenSize), \(m.layers) layers, vocabulary \(m.vocabulary); base \(m.base);"
              + " \(m.trainableParameters) trainable; opened in \(f(m.loadSeconds, 1)) s")
        print("    step s \(m.stepSeconds.map { f($0, 3) }.joined(separator: " "))"
              + " (warm-up \(m.warmupSeconds.map { f($0, 3) }.joined(separator: " "))); loss \(f(Double(m.firstLoss), 3))"
              + " -> \(f(Double(m.lastLoss), 3))")
        print("    \(f(m.stepFLOPs / 1e9, 2)) GFLOP/step; sgemm GFLOP/s after each step \(m.sgemmGFLOPs.map { f($0, 1) }.joined(separator: " "));"
              + " peak RSS \(mib(m.peakResidentBytes)) (\(mib(m.residentAfterLoadBytes)) after opening)")
    }

    /// The reference's detail lines.
    func printPEFT(_ p: PEFTReference.Figures, note: String) {
        print("pytorch+peft: torch \(p.torch), peft \(p.peft), transformers \(p.transformers), \(p.threads) threads;"
              + " \(p.trainable_parameters) trainable; \(note)")
        print("    step s \(p.step_seconds.map { f($0, 3) }.joined(separator: " "))"
              + " (warm-up \(p.warmup_seconds.map { f($0, 3) }.joined(separator: " "))); loss \(f(p.first_loss, 3))"
              + " -> \(f(p.last_loss, 3))")
        print("    peak RSS \(mib(p.peak_resident_bytes)) (\(mib(p.resident_after_load_bytes)) after loading)")
    }

    /// The medians side by side.
    func printSummary(_ results: [MethodFigures], peft: PEFTReference.Figures?) {
        print("method        tokens/s   step s   GFLOP/step  GFLOP/s   sgemm GFLOP/s  /sgemm   peak RSS     adapter on disk")
        for m in results {
            let sgemm = m.sgemmGFLOPs.median
            print(pad(m.method, 14) + pad(f(m.tokensPerSecond, 1), 11) + pad(f(m.stepSeconds.median, 3), 9)
                  + pad(f(m.stepFLOPs / 1e9, 1), 12) + pad(f(m.stepGFLOPs, 1), 10) + pad(f(sgemm, 1), 15)
                  + pad(f(m.stepGFLOPs / sgemm, 2), 9) + pad(mib(m.peakResidentBytes), 13)
                  + (m.adapterBytes.map { kib($0) } ?? "-"))
        }
        if let p = peft {
            print(pad("pytorch+peft", 14) + pad(f(p.tokensPerSecond, 1), 11) + pad(f(p.step_seconds.median, 3), 9)
                  + pad("", 12) + pad("", 10) + pad("", 15) + pad("", 9) + mib(p.peak_resident_bytes))
        }
        print("")
    }

    /// The issue's targets.
    func printRatios(_ results: [MethodFigures], peft: PEFTReference.Figures?, peftNote: String, gguf: String?, checkpoint: String) {
        let lora = results.first { $0.method == "lora" }, qlora = results.first { $0.method == "qlora" }
        print("ratios (medians):")
        if let lora {
            let wide = lora.hiddenSize >= 512 ? "" : "; this model's d_model is \(lora.hiddenSize)"
            print("  LoRA step / sgemm rate:          \(f(lora.stepGFLOPs / lora.sgemmGFLOPs.median, 2))"
                  + "   (target >= 0.60 on d_model >= 512\(wide); \(f(lora.stepGFLOPs, 1)) of \(f(lora.sgemmGFLOPs.median, 1)) GFLOP/s)")
            if let peft {
                print("  LoRA tokens/s / PyTorch+PEFT:    \(f(lora.tokensPerSecond / peft.tokensPerSecond, 2))x"
                      + "  (target >= 1.5; \(f(lora.tokensPerSecond, 1)) vs \(f(peft.tokensPerSecond, 1)) tokens/s)")
                print("  LoRA peak RSS / PyTorch+PEFT:    \(f(Double(lora.peakResidentBytes) / Double(peft.peak_resident_bytes), 2))"
                      + "   (\(mib(lora.peakResidentBytes)) vs \(mib(peft.peak_resident_bytes)))")
            } else {
                print("  LoRA tokens/s / PyTorch+PEFT:    n/a, PyTorch + PEFT \(peftNote)")
            }
        }
        if let lora, let qlora {
            print("  QLoRA peak RSS / LoRA peak RSS:  \(f(Double(qlora.peakResidentBytes) / Double(lora.peakResidentBytes), 3))"
                  + "   (target <= 0.40 on Qwen2.5-Coder-0.5B; \(mib(qlora.peakResidentBytes)) vs \(mib(lora.peakResidentBytes)))")
        }
        if let adapter = results.compactMap(\.adapterBytes).first {
            let f32 = safetensorsBytes(in: checkpoint)
            var line = "  adapter on disk / base:          \(kib(adapter)) / F32 base \(mib(f32)) = \(f(100 * Double(adapter) / Double(max(f32, 1)), 3))%"
            if let gguf, let size = fileSize(gguf) {
                line += "; / GGUF \(mib(size)) = \(f(100 * Double(adapter) / Double(max(size, 1)), 3))%"
            }
            print(line)
        }
    }

    /// Bytes of the *.safetensors files in `directory`.
    func safetensorsBytes(in directory: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".safetensors") }
            .compactMap { fileSize((directory as NSString).appendingPathComponent($0)) }.reduce(0, +)
    }

    /// A file's size in bytes.
    func fileSize(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }

    /// Fixed decimals.
    func f(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

    /// "469.6 MiB".
    func mib(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }

    /// "135.2 KiB".
    func kib(_ bytes: Int) -> String { String(format: "%.1f KiB", Double(bytes) / 1024) }

    /// Left-aligned in `width` columns.
    func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
