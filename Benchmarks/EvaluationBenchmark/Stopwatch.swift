import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Monotonic wall-clock timing of benchmark sections, with the thread's CPU time beside it: on a shared,
/// busy machine the wall time includes waiting for a core, the CPU time does not.
enum Stopwatch {
    /// Seconds since an arbitrary fixed point.
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// CPU seconds the calling thread has used.
    static func threadCPU() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Seconds `work` took, with its result.
    static func time<T>(_ work: () throws -> T) rethrows -> (seconds: Double, value: T) {
        let start = now()
        let value = try work()
        return (now() - start, value)
    }

    /// Wall and thread-CPU seconds of synchronous `work` (which must not hop threads), with its result.
    static func timeWithCPU<T>(_ work: () throws -> T) rethrows -> (seconds: Double, cpu: Double, value: T) {
        let start = now(), cpuStart = threadCPU()
        let value = try work()
        return (now() - start, threadCPU() - cpuStart, value)
    }
}
