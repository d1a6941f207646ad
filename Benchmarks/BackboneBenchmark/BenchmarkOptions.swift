import ArgumentParser

/// The benchmark's flags.
struct BenchmarkOptions: ParsableArguments {
    @Option(help: "Requests per second in the open-loop latency phase (and the paced raw round trip).")
    var rate = 200

    @Option(help: "Seconds per open-loop and closed-loop phase.")
    var seconds = 10

    @Option(help: "Metric events queued for the ingestion phase.")
    var events = 30_000

    @Option(help: "Clients of the closed-loop throughput phase.")
    var concurrency = 32

    /// The variant the benchmark's workers serve and its router routes every request to. Not `base`: the demo
    /// (Deploy/local/demo.sh) and the end-to-end tests run `base` workers on the same broker, and a worker of
    /// theirs on the benchmark's queue would take its requests.
    @Option(help: "The variant the benchmark's workers serve (one no other local process serves).")
    var variant = "merged"

    @Flag(name: .customLong("keep-rows"), help: "Leave the run's synthetic rows in the metrics database (removed by default).")
    var keepRows = false

    func validate() throws {
        guard (1...10_000).contains(rate) else { throw ValidationError("--rate must be 1-10000, got \(rate)") }
        guard (1...3600).contains(seconds) else { throw ValidationError("--seconds must be 1-3600, got \(seconds)") }
        guard events >= 1 else { throw ValidationError("--events must be at least 1") }
        guard (1...1024).contains(concurrency) else { throw ValidationError("--concurrency must be 1-1024, got \(concurrency)") }
        guard !variant.isEmpty, variant != "base" else {
            throw ValidationError("--variant must name a variant no other local process serves (not base)")
        }
    }
}
