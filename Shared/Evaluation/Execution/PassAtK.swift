/// The unbiased pass@k estimator of Chen et al. (2021): 1 - C(n-c, k) / C(n, k).
public enum PassAtK {
    /// pass@k for one task with `n` samples of which `correct` passed; nil when k is not in 1...n or the counts are inconsistent.
    ///
    /// Computed as 1 - prod_{i=n-c+1}^{n} (1 - k/i), which never forms the huge binomials.
    public static func estimate(samples n: Int, correct c: Int, k: Int) -> Double? {
        guard n >= 1, k >= 1, k <= n, c >= 0, c <= n else { return nil }
        if c == 0 { return 0 }
        if n - c < k { return 1 }
        var product = 1.0
        for i in (n - c + 1)...n {
            product *= 1 - Double(k) / Double(i)
        }
        return 1 - product
    }

    /// The mean of pass@k over tasks, each given as (samples, correct); nil when some task has fewer than k samples or there are none.
    public static func mean(_ tasks: [(samples: Int, correct: Int)], k: Int) -> Double? {
        guard !tasks.isEmpty else { return nil }
        var sum = 0.0
        for task in tasks {
            guard let value = estimate(samples: task.samples, correct: task.correct, k: k) else { return nil }
            sum += value
        }
        return sum / Double(tasks.count)
    }
}
