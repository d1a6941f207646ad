import Dispatch

/// Monotonic wall time for timing training steps.
enum Clock {
    /// Seconds since an arbitrary fixed point.
    static func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
