import CBLAS
import Foundation
import Synchronization

/// The number of threads the engine's kernels and OpenBLAS use, settable once at start-up.
public enum Threading {
    private static let storage = Atomic<Int>(0)

    /// Threads used by BLAS and by the project's own kernels (default: the active processor count).
    public static var count: Int {
        get {
            let n = storage.load(ordering: .relaxed)
            if n > 0 { return n }
            let initial = max(1, ProcessInfo.processInfo.activeProcessorCount)
            Threading.count = initial
            return initial
        }
        set {
            let n = max(1, newValue)
            storage.store(n, ordering: .relaxed)
            openblas_set_num_threads(Int32(n))
        }
    }

    /// Runs `body(i)` for every i in 0..<iterations on up to `count` threads and returns when all are done.
    ///
    /// Runs inline when one thread is enough, so a single-threaded run never pays a hand-off.
    public static func parallelFor(_ iterations: Int, _ body: (Int) -> Void) {
        if iterations <= 0 { return }
        if iterations == 1 || count == 1 {
            for i in 0..<iterations { body(i) }
            return
        }
        ThreadPool.shared.run(iterations: iterations, body)
    }
}
