/// One data-flow edge as codebleu's Python DFG records it: a variable occurrence, how its value
/// arrives (`comesFrom` an earlier occurrence or `computedFrom` the right-hand side) and from which tokens.
public struct DataFlowEdge: Sendable, Equatable {
    /// The variable's (or literal's) source text.
    public var name: String
    /// The position of the occurrence among the tree's leaf tokens.
    public var index: Int
    /// `comesFrom` or `computedFrom`.
    public var relation: String
    /// Source texts of the tokens the value comes from.
    public var parentNames: [String]
    /// Leaf positions of those tokens.
    public var parentIndices: [Int]
}

/// A data-flow edge with variable names replaced by `var_0`, `var_1`, ... in order of appearance,
/// which is what codebleu compares between reference and candidate.
public struct NormalizedDataFlowEdge: Sendable, Hashable {
    /// The normalised variable.
    public var variable: String
    /// `comesFrom` or `computedFrom`.
    public var relation: String
    /// The normalised parents, in order.
    public var parents: [String]
}
