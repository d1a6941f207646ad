import Dispatch

/// Monotonic wall time for timing benchmark sections.
public enum Clock {
    /// Seconds since an arbitrary fixed point.
    public static func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
