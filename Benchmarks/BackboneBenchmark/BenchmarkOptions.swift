/// The benchmark's flags: `--rate`, `--seconds`, `--events`, `--concurrency`, `--variant`.
struct BenchmarkOptions {
    var rate = 200
    var seconds = 10
    var events = 30_000
    var concurrency = 32
    /// The variant the benchmark's workers serve and its router routes every request to. Not `base`: the demo
    /// (Deploy/local/demo.sh) and the end-to-end tests run `base` workers on the same broker, and a worker of
    /// theirs on the benchmark's queue would take its requests.
    var variant = "merged"

    init(_ arguments: [String]) {
        var index = 1
        while index + 1 < arguments.count {
            let text = arguments[index + 1]
            let value = Int(text)
            switch arguments[index] {
            case "--rate": rate = value ?? rate
            case "--seconds": seconds = value ?? seconds
            case "--events": events = value ?? events
            case "--concurrency": concurrency = value ?? concurrency
            case "--variant": variant = text
            default: print("ignoring unknown flag \(arguments[index])")
            }
            index += 2
        }
    }
}
