extension EvaluationRecord {
    /// Fills `passAt1`, and `passAtK` with `k`, from estimates keyed `pass@<k>` as the contracts carry them: the
    /// table has one pass@k column besides pass@1, so it holds the largest k above 1 (HumanEval's headline figure).
    /// Keys that are not `pass@<positive integer>` are ignored.
    public mutating func setPassAtK(_ estimates: [String: Double]?) {
        var byK: [Int: Double] = [:]
        for (key, value) in estimates ?? [:] {
            guard key.hasPrefix("pass@"), let k = Int(key.dropFirst(5)), k >= 1 else { continue }
            byK[k] = value
        }
        passAt1 = byK[1]
        if let largest = byK.keys.filter({ $0 > 1 }).max() {
            passAtK = byK[largest]
            k = largest
        } else {
            passAtK = nil
            k = nil
        }
    }
}
