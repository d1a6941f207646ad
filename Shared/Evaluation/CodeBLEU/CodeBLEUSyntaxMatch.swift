/// codebleu's syntax match: the share of the reference's subtrees (every node with children, as an
/// s-expression, repeats counted) whose s-expression occurs anywhere in the candidate's tree.
public enum CodeBLEUSyntaxMatch {
    /// Matched and total reference subtrees for one pair of trees.
    public static func counts(reference: PythonSyntaxNode, candidate: PythonSyntaxNode) -> (matched: Int, total: Int) {
        let candidateSubtrees = Set(candidate.subtreeSExpressions)
        let referenceSubtrees = reference.subtreeSExpressions
        let matched = referenceSubtrees.reduce(0) { $0 + (candidateSubtrees.contains($1) ? 1 : 0) }
        return (matched, referenceSubtrees.count)
    }
}
