/// Where each line of a source starts, so an offset's line number costs a binary search.
struct PythonSourceLineTable: Sendable {
    private var starts: [Int] = [0]

    init(_ source: [Unicode.Scalar]) {
        for (offset, scalar) in source.enumerated() where scalar == "\n" { starts.append(offset + 1) }
    }

    /// The 1-based line holding `offset`.
    func line(of offset: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }
}
