extension PythonSyntaxNode {
    /// The s-expression tree-sitter prints for this node: named nodes with their field names,
    /// anonymous tokens left out (what `str(node)` gives in py-tree-sitter 0.22).
    public var sExpression: String {
        var out = ""
        writeSExpression(into: &out)
        return out
    }

    func writeSExpression(into out: inout String) {
        out += "("
        out += type
        for (index, child) in children.enumerated() where child.isNamed {
            out += " "
            if let field = fieldNames[index] {
                out += field
                out += ": "
            }
            child.writeSExpression(into: &out)
        }
        out += ")"
    }

    /// Every subtree that CodeBLEU's syntax match compares: this node and, below it, each node
    /// that has children of its own (leaves are left out), as s-expressions.
    public var subtreeSExpressions: [String] {
        var result: [String] = []
        collectSubtrees(into: &result)
        return result
    }

    /// Returns this node's s-expression after appending those of its non-leaf descendants,
    /// so every string is built once from its children's strings.
    @discardableResult
    private func collectSubtrees(into result: inout [String]) -> String {
        var out = "(" + type
        for (index, child) in children.enumerated() {
            let childText: String?
            if child.children.isEmpty {
                childText = child.isNamed ? "(" + child.type + ")" : nil
            } else {
                let text = child.collectSubtrees(into: &result)
                childText = child.isNamed ? text : nil
            }
            if let childText {
                out += " "
                if let field = fieldNames[index] { out += field + ": " }
                out += childText
            }
        }
        out += ")"
        result.append(out)
        return out
    }
}
