/// The benchmark's flags: `--rate`, `--seconds`, `--events`, `--concurrency`.
struct BenchmarkOptions {
    var rate = 200
    var seconds = 10
    var events = 30_000
    var concurrency = 32

    init(_ arguments: [String]) {
        var index = 1
        while index + 1 < arguments.count {
            let value = Int(arguments[index + 1])
            switch arguments[index] {
            case "--rate": rate = value ?? rate
            case "--seconds": seconds = value ?? seconds
            case "--events": events = value ?? events
            case "--concurrency": concurrency = value ?? concurrency
            default: print("ignoring unknown flag \(arguments[index])")
            }
            index += 2
        }
    }
}
