/// codebleu's data-flow match: the share of the reference's normalised data-flow edges found in the
/// candidate's, each candidate edge used at most once.
public enum CodeBLEUDataFlowMatch {
    /// Matched and total reference edges for one pair of graphs.
    public static func counts(reference: [NormalizedDataFlowEdge], candidate: [NormalizedDataFlowEdge]) -> (matched: Int, total: Int) {
        var available: [NormalizedDataFlowEdge: Int] = [:]
        for edge in candidate { available[edge, default: 0] += 1 }
        var matched = 0
        for edge in reference {
            if let count = available[edge], count > 0 {
                available[edge] = count - 1
                matched += 1
            }
        }
        return (matched, reference.count)
    }
}
