import CBLAS
import Synchronization

/// The number of threads the engine's kernels and OpenBLAS use, settable once at start-up.
public enum Threading {
    private static let storage = Atomic<Int>(0)

    /// Threads used by BLAS and by the project's own kernels (default: OpenBLAS's own count, which is the number of
    /// cores unless OPENBLAS_NUM_THREADS says otherwise).
    ///
    /// OpenBLAS is told only when the number changes, and never to learn the default: `openblas_set_num_threads`
    /// rebuilds its thread pool, which a BLAS call running at that moment on another thread does not survive intact.
    public static var count: Int {
        get {
            let n = storage.load(ordering: .relaxed)
            if n > 0 { return n }
            // The first reader records the default, once, however many read at the same time.
            let initial = validCount(Int(openblas_get_num_threads()))
            _ = storage.compareExchange(expected: 0, desired: initial, ordering: .relaxed)
            return storage.load(ordering: .relaxed)
        }
        set {
            let n = validCount(newValue)
            if storage.exchange(n, ordering: .relaxed) != n { openblas_set_num_threads(Int32(n)) }
        }
    }

    /// The thread count a request for `requested` threads gets: at least one.
    public static func validCount(_ requested: Int) -> Int { max(1, requested) }

    /// Runs `body(i)` for every i in 0..<iterations on up to `count` threads and returns when all are done.
    ///
    /// Runs inline when one thread is enough, so a single-threaded run never pays a hand-off.
    public static func parallelFor(_ iterations: Int, _ body: (Int) -> Void) {
        parallelFor(iterations, threads: count, body)
    }

    /// `parallelFor` on up to `threads` threads, whatever `count` says.
    static func parallelFor(_ iterations: Int, threads: Int, _ body: (Int) -> Void) {
        if iterations <= 0 { return }
        if iterations == 1 || threads <= 1 {
            for i in 0..<iterations { body(i) }
            return
        }
        ThreadPool.shared.run(iterations: iterations, body)
    }
}
