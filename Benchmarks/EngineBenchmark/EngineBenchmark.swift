import BenchmarkKit
import ArgumentParser
import Foundation
import Models
import Tensor

/// `lce-bench-engine`: the engine's speed on one machine in one run, against the machine's own
/// limits (streaming-read bandwidth, sgemm rate) and against llama.cpp on the same file.
@main
struct EngineBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lce-bench-engine",
        abstract: "Measure decode/prefill tokens/s of F32, Q8_0 and Q4_K_M variants against bandwidth, sgemm and llama.cpp.",
        discussion: """
        Everything is measured in this run with the same thread count: a streaming read of 512 MiB (the \
        decode bound is that GB/s over the bytes of weights a decode step reads), sgemm on one decoder \
        layer's projections with m = the prompt's tokens (prefill's ceiling), and each variant's rates \
        (median of --runs runs after a warm-up). Q8_0 and F32 are made in-process from the Q4_K_M file. \
        llama.cpp runs through ../shared/tools/peer-decode.py when LCE_PEER_PYTHON (or the default venv) \
        exists. Peak memory of generating from the GGUF is measured in a child process.

        Examples:
          lce-bench-engine --threads 2 --tokens 64     # the real model at its default path
          lce-bench-engine --model other-q4_k_m.gguf --runs 5 --no-peer
        """)

    @Option(name: .long, help: "The Q4_K_M GGUF file (LLaMA/Qwen2).")
    var model = "~/.cache/lce/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"

    @Option(name: .long, help: "Threads for the engine, OpenBLAS, the streaming read and llama.cpp.")
    var threads = 2

    @Option(name: .long, help: "New tokens per decode run.")
    var tokens = 64

    @Option(name: .long, help: "Timed runs per figure (the median is reported).")
    var runs = 3

    @Flag(name: .long, help: "Skip llama.cpp even when it is present.")
    var noPeer = false

    @Flag(name: .long, help: .hidden)
    var memoryProbe = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard tokens >= 2 else { throw ValidationError("--tokens must be at least 2 (decode rates need two steps)") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        Threading.count = threads
        let path = (model as NSString).expandingTildeInPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("model not found: \(path) (run ../shared/tools/get-real-model.sh)")
        }
        if memoryProbe { return try MemoryProbe.runChild(model: path, tokens: tokens) }

        let loadBefore = SystemLoad.current()
        print("lce-bench-engine: \((path as NSString).lastPathComponent), \(threads) threads, \(tokens) new tokens,"
              + " median of \(runs) runs")
        print("machine: \(KernelReport.cpu), \(SystemLoad.processors) logical CPUs; load average at start \(loadBefore)")
        print("BLAS: \(KernelReport.blas)")
        print("quantized kernels: \(KernelReport.quantized)")
        print("")

        let memory = try MemoryProbe.measure(model: path, threads: threads, tokens: tokens)
        let bandwidth = StreamingReadBandwidth.measure(passes: max(5, runs))
        print(line("streaming read, 512 MiB, \(threads) threads", "\(f(bandwidth.median, 2)) GB/s",
                   "runs \(bandwidth.map { f($0, 1) }.joined(separator: " "))"))

        let loadStart = Clock.seconds()
        let loaded = try LoadedModel.load(path: path)
        let q4 = try BenchmarkVariants.llama(loaded.model)
        let loadSeconds = Clock.seconds() - loadStart
        let prompt = loaded.promptTokens(BenchmarkPrompt.text)
        print(line("load (mmap)", "\(f(loadSeconds, 2)) s", "prompt \(prompt.count) tokens"))

        let layer = SGEMMThroughput(shape: q4.shape, m: prompt.count, withInputGradient: false)
        let sgemm = (0..<max(3, runs)).map { _ in layer.pass(minimumSeconds: 0.4) }
        print(line("sgemm, one layer's 7 projections, m=\(prompt.count)", "\(f(sgemm.median, 1)) GFLOP/s",
                   "runs \(sgemm.map { f($0, 1) }.joined(separator: " "))"))
        print("")

        var results: [(name: String, traffic: WeightTraffic, timing: GenerationTiming)] = []
        func report(_ name: String, _ variant: Llama, _ timing: GenerationTiming, madeIn seconds: Double?) {
            let traffic = WeightTraffic(variant)
            let made = seconds.map { ", made in \(f($0, 1)) s" } ?? ", as stored"
            print("\(name): weights read per decode step \(mib(traffic.matrixBytes)) (\(traffic.mix))\(made)")
            print("    prefill tok/s \(timing.prefill.map { f($0, 1) }.joined(separator: " "))"
                  + " | decode tok/s \(timing.decode.map { f($0, 2) }.joined(separator: " "))")
            results.append((name, traffic, timing))
        }

        // Q4_K_M and llama.cpp alternate run by run on the same file, so both see the same machine:
        // on a shared host the ratio of the two is the figure that means something.
        var peerRuns: [LlamaCppPeer.Run] = []
        var peerNote = "not run (--no-peer)"
        var peer: LlamaCppPeer?
        if !noPeer {
            peer = LlamaCppPeer.locate()
            peerNote = peer.map { "\($0.python) \($0.script)" }
                ?? "absent (set LCE_PEER_PYTHON, or run ../shared/tools/get-llama-cpp-peer.sh)"
        }
        let q4Runner = try GenerationTiming.Runner(q4, prompt: prompt, tokens: tokens)
        for _ in 0..<runs {
            try q4Runner.run()
            guard let current = peer else { continue }
            do {
                peerRuns.append(try current.run(model: path, threads: threads, tokens: tokens, prompt: BenchmarkPrompt.text))
            } catch {
                peerNote = "failed: \(error)"
                peer = nil
            }
        }
        report("Q4_K_M", q4, q4Runner.timing, madeIn: nil)
        var start = Clock.seconds()
        let q8 = try BenchmarkVariants.q8_0(from: q4)
        let q8Made = Clock.seconds() - start
        report("Q8_0", q8, try GenerationTiming.measure(q8, prompt: prompt, tokens: tokens, runs: runs), madeIn: q8Made)
        start = Clock.seconds()
        let f32 = try BenchmarkVariants.float32(from: q4)
        let f32Made = Clock.seconds() - start
        report("F32", f32, try GenerationTiming.measure(f32, prompt: prompt, tokens: tokens, runs: runs), madeIn: f32Made)
        if !peerRuns.isEmpty {
            print("llama.cpp Q4_K_M (\(peerRuns[0].prompt_tokens) prompt tokens, \(peerRuns[0].decode_tokens) decoded),"
                  + " each run right after a Q4_K_M run above:")
            print("    prefill tok/s \(peerRuns.map { f($0.prefill_tok_s, 1) }.joined(separator: " "))"
                  + " | decode tok/s \(peerRuns.map { f($0.decode_tok_s, 2) }.joined(separator: " "))")
        } else {
            print("llama.cpp: \(peerNote)")
        }
        let loadAfter = SystemLoad.current()
        print("")

        // The summary table: medians, and each variant against the machine's limits.
        let gbps = bandwidth.median
        let position = prompt.count + tokens / 2
        print("variant   prefill tok/s  prefill GFLOP/s  /sgemm   decode tok/s  bound tok/s  /bound")
        for r in results {
            let prefill = r.timing.prefill.median, decode = r.timing.decode.median
            let gflops = prefill * r.traffic.prefillFLOPs(tokens: prompt.count) / Double(prompt.count) / 1e9
            let bound = gbps * 1e9 / Double(r.traffic.bytesPerDecodedToken(position: position))
            print(pad(r.name, 9) + pad(f(prefill, 1), 15) + pad(f(gflops, 1), 17) + pad(f(gflops / sgemm.median, 2), 9)
                  + pad(f(decode, 2), 14) + pad(f(bound, 2), 13) + f(decode / bound, 2))
        }
        let peerDecode = peerRuns.map(\.decode_tok_s).median
        if !peerRuns.isEmpty {
            print(pad("llama.cpp", 9) + pad(f(peerRuns.map(\.prefill_tok_s).median, 1), 15) + pad("", 17) + pad("", 9)
                  + f(peerDecode, 2))
        }
        print("")

        let q4Result = results[0], f32Result = results[2]
        print("ratios (medians; Q4_K_M and llama.cpp measured alternately):")
        if !peerRuns.isEmpty {
            print("  Q4_K_M decode / llama.cpp decode:     \(f(q4Result.timing.decode.median / peerDecode, 2))x   (target >= 1.0)")
            let paired = zip(q4Result.timing.decode, peerRuns.map(\.decode_tok_s)).map { $0 / $1 }
            print("  the same, run by run (alternating):   \(paired.map { f($0, 2) + "x" }.joined(separator: " "))"
                  + "   median \(f(paired.median, 2))x")
            print("  Q4_K_M prefill / llama.cpp prefill:   "
                  + "\(f(q4Result.timing.prefill.median / peerRuns.map(\.prefill_tok_s).median, 2))x")
        } else {
            print("  Q4_K_M decode / llama.cpp decode:     n/a, llama.cpp \(peerNote)")
        }
        let f32Bound = gbps * 1e9 / Double(f32Result.traffic.bytesPerDecodedToken(position: position))
        print("  F32 decode / bandwidth bound:         \(f(f32Result.timing.decode.median / f32Bound, 2))     (target >= 0.8;"
              + " bound \(f(gbps, 2)) GB/s / \(mib(f32Result.traffic.bytesPerDecodedToken(position: position))) per token)")
        let f32GFLOPs = f32Result.timing.prefill.median * f32Result.traffic.prefillFLOPs(tokens: prompt.count)
            / Double(prompt.count) / 1e9
        print("  F32 prefill / sgemm rate:             \(f(f32GFLOPs / sgemm.median, 2))     (target >= 0.7;"
              + " \(f(f32GFLOPs, 1)) of \(f(sgemm.median, 1)) GFLOP/s)")
        let budget = Double(memory.fileBytes + memory.kvCacheBytes) * 1.1
        print("  peak RSS generating from the GGUF:    \(mib(memory.peakResidentBytes)) vs file \(mib(memory.fileBytes))"
              + " + KV cache \(mib(memory.kvCacheBytes)) (context \(memory.context)) ="
              + " \(f(Double(memory.peakResidentBytes) / Double(memory.fileBytes + memory.kvCacheBytes), 3))x"
              + " (target <= 1.10, i.e. \(mib(Int(budget))); activations \(mib(memory.activationBytes)))")
        print("load average at end \(loadAfter)")
    }

    /// Fixed decimals.
    func f(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

    /// "469.6 MiB".
    func mib(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }

    /// Left-aligned in `width` columns.
    func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    /// "label ........ value   detail".
    func line(_ label: String, _ value: String, _ detail: String) -> String {
        pad(label, 44) + pad(value, 16) + detail
    }
}
