/// codebleu's data-flow graph of Python code (GraphCodeBERT's `DFG_python`), computed on the
/// project's syntax tree. Quirks of the original are kept on purpose, since the score depends on them:
/// assignments pair left and right children positionally when their counts agree, a `for` with an
/// `else` never visits its body, and a lookup of a token that is not a leaf empties the whole graph.
public struct PythonDataFlowGraph {
    private struct Token {
        var index: Int
        var code: String
    }

    private struct SpanKey: Hashable {
        var start: Int
        var end: Int
    }

    /// A lookup of a node that codebleu's token table lacks (Python raises KeyError there).
    private struct MissingToken: Error {}

    private typealias States = [String: [Int]]

    private var tokens: [SpanKey: Token] = [:]

    /// The merged, filtered edges of `tree` (parsed from `code`), as codebleu's `get_data_flow` returns them.
    public static func edges(of tree: PythonSyntaxNode, code: String) -> [DataFlowEdge] {
        var graph = PythonDataFlowGraph()
        graph.indexLeaves(tree, code: code)
        var raw: [DataFlowEdge]
        do {
            raw = try graph.flow(tree, [:]).edges
        } catch {
            raw = []
        }
        raw = stableSorted(raw)
        var referenced = Set<Int>()
        for edge in raw {
            if !edge.parentIndices.isEmpty { referenced.insert(edge.index) }
            referenced.formUnion(edge.parentIndices)
        }
        var merged: [DataFlowEdge] = []
        var position: [Int: Int] = [:]
        for edge in raw where referenced.contains(edge.index) {
            if let at = position[edge.index] {
                let earlier = merged[at]
                merged[at] = DataFlowEdge(name: edge.name, index: edge.index, relation: edge.relation,
                                          parentNames: union(earlier.parentNames, edge.parentNames),
                                          parentIndices: union(earlier.parentIndices, edge.parentIndices))
            } else {
                position[edge.index] = merged.count
                merged.append(edge)
            }
        }
        return merged
    }

    /// Renames variables to `var_i` in order of first appearance across the graph (parents first).
    public static func normalize(_ edges: [DataFlowEdge]) -> [NormalizedDataFlowEdge] {
        var names: [String: String] = [:]
        func name(_ text: String) -> String {
            if let known = names[text] { return known }
            let fresh = "var_\(names.count)"
            names[text] = fresh
            return fresh
        }
        return edges.map { edge in
            let parents = edge.parentNames.map(name)
            return NormalizedDataFlowEdge(variable: name(edge.name), relation: edge.relation, parents: parents)
        }
    }

    // MARK: - Leaf table

    private static func isLeaf(_ node: PythonSyntaxNode) -> Bool {
        (node.children.isEmpty || node.type == "string") && node.type != "comment"
    }

    /// Numbers the leaves in source order and records their text the way codebleu slices it:
    /// tree-sitter's byte columns used as character offsets into the `\n`-split lines.
    private mutating func indexLeaves(_ tree: PythonSyntaxNode, code: String) {
        let scalars = Array(code.unicodeScalars)
        var lines: [[Unicode.Scalar]] = [[]]
        var row = [Int](repeating: 0, count: scalars.count + 1)
        var byteColumn = [Int](repeating: 0, count: scalars.count + 1)
        var currentRow = 0
        var column = 0
        for (offset, scalar) in scalars.enumerated() {
            row[offset] = currentRow
            byteColumn[offset] = column
            if scalar == "\n" {
                currentRow += 1
                column = 0
                lines.append([])
            } else {
                column += UTF8.width(scalar)
                lines[currentRow].append(scalar)
            }
        }
        row[scalars.count] = currentRow
        byteColumn[scalars.count] = column

        func slice(_ line: [Unicode.Scalar], _ from: Int?, _ to: Int?) -> [Unicode.Scalar] {
            let lower = Swift.min(Swift.max(from ?? 0, 0), line.count)
            let upper = Swift.min(Swift.max(to ?? line.count, 0), line.count)
            return lower < upper ? Array(line[lower..<upper]) : []
        }

        var counter = 0
        func visit(_ node: PythonSyntaxNode) {
            if Self.isLeaf(node) {
                let start = Swift.min(node.start, scalars.count)
                let end = Swift.min(node.end, scalars.count)
                let (startRow, endRow) = (row[start], row[end])
                var text: [Unicode.Scalar]
                if startRow == endRow {
                    text = slice(lines[startRow], byteColumn[start], byteColumn[end])
                } else {
                    text = slice(lines[startRow], byteColumn[start], nil)
                    for middle in (startRow + 1)..<endRow { text += lines[middle] }
                    text += slice(lines[endRow], nil, byteColumn[end])
                }
                tokens[SpanKey(start: node.start, end: node.end)] = Token(index: counter, code: String(String.UnicodeScalarView(text)))
                counter += 1
            } else {
                for child in node.children { visit(child) }
            }
        }
        visit(tree)
    }

    private func lookup(_ node: PythonSyntaxNode) throws -> Token {
        guard let token = tokens[SpanKey(start: node.start, end: node.end)] else { throw MissingToken() }
        return token
    }

    /// codebleu's `tree_to_variable_index`: leaves whose text differs from their type (names, literals).
    private func variables(_ node: PythonSyntaxNode?) throws -> [Token] {
        guard let node else { throw MissingToken() }
        if Self.isLeaf(node) {
            let token = try lookup(node)
            return node.type != token.code ? [token] : []
        }
        var result: [Token] = []
        for child in node.children { result += try variables(child) }
        return result
    }

    // MARK: - The graph

    private func flow(_ node: PythonSyntaxNode, _ incoming: States) throws -> (edges: [DataFlowEdge], states: States) {
        var states = incoming
        if Self.isLeaf(node) {
            let token = try lookup(node)
            if node.type == token.code { return ([], states) }
            if let sources = states[token.code] {
                return ([DataFlowEdge(name: token.code, index: token.index, relation: "comesFrom",
                                      parentNames: [token.code], parentIndices: sources)], states)
            }
            if node.type == "identifier" { states[token.code] = [token.index] }
            return ([DataFlowEdge(name: token.code, index: token.index, relation: "comesFrom", parentNames: [], parentIndices: [])], states)
        }
        switch node.type {
        case "default_parameter":
            return try defaultParameter(node, states)
        case "assignment", "augmented_assignment", "for_in_clause":
            return try assignment(node, states)
        case "if_statement":
            return try ifStatement(node, states)
        case "for_statement":
            return try forStatement(node, states)
        case "while_statement":
            var edges: [DataFlowEdge] = []
            for _ in 0..<2 {
                for child in node.children {
                    let result = try flow(child, states)
                    edges += result.edges
                    states = result.states
                }
            }
            return (Self.deduplicated(edges), states)
        default:
            var edges: [DataFlowEdge] = []
            for child in node.children where child.type == "for_in_clause" {
                let result = try flow(child, states)
                edges += result.edges
                states = result.states
            }
            for child in node.children where child.type != "for_in_clause" {
                let result = try flow(child, states)
                edges += result.edges
                states = result.states
            }
            return (Self.stableSorted(edges), states)
        }
    }

    private func defaultParameter(_ node: PythonSyntaxNode, _ incoming: States) throws -> (edges: [DataFlowEdge], states: States) {
        var states = incoming
        let names = try variables(node.child(field: "name"))
        var edges: [DataFlowEdge] = []
        guard let value = node.child(field: "value") else {
            for name in names {
                edges.append(DataFlowEdge(name: name.code, index: name.index, relation: "comesFrom", parentNames: [], parentIndices: []))
                states[name.code] = [name.index]
            }
            return (Self.stableSorted(edges), states)
        }
        let values = try variables(value)
        let result = try flow(value, states)
        edges += result.edges
        states = result.states
        for name in names {
            for source in values {
                edges.append(DataFlowEdge(name: name.code, index: name.index, relation: "comesFrom",
                                          parentNames: [source.code], parentIndices: [source.index]))
            }
            states[name.code] = [name.index]
        }
        return (Self.stableSorted(edges), states)
    }

    /// Left and right sides paired child by child when their counts agree, else as wholes.
    private func pairedSides(left: PythonSyntaxNode?, right: PythonSyntaxNode?) throws -> [(PythonSyntaxNode, PythonSyntaxNode)] {
        guard let left, let right else { throw MissingToken() }
        var leftNodes = left.children.filter { $0.type != "," }
        var rightNodes = right.children.filter { $0.type != "," }
        if leftNodes.count != rightNodes.count {
            leftNodes = [left]
            rightNodes = [right]
        }
        if leftNodes.isEmpty { leftNodes = [left] }
        if rightNodes.isEmpty { rightNodes = [right] }
        // The adjustments above always leave both sides the same length.
        return Array(zip(leftNodes, rightNodes))
    }

    private func computedFrom(_ pairs: [(PythonSyntaxNode, PythonSyntaxNode)], _ states: inout States) throws -> [DataFlowEdge] {
        var edges: [DataFlowEdge] = []
        for (left, right) in pairs {
            let targets = try variables(left)
            let sources = try variables(right)
            for target in targets {
                edges.append(DataFlowEdge(name: target.code, index: target.index, relation: "computedFrom",
                                          parentNames: sources.map(\.code), parentIndices: sources.map(\.index)))
                states[target.code] = [target.index]
            }
        }
        return edges
    }

    private func assignment(_ node: PythonSyntaxNode, _ incoming: States) throws -> (edges: [DataFlowEdge], states: States) {
        var states = incoming
        var pairs: [(PythonSyntaxNode, PythonSyntaxNode)]
        if node.type == "for_in_clause" {
            guard let last = node.children.last, let left = node.child(field: "left") else { throw MissingToken() }
            pairs = [(left, last)]
        } else {
            guard node.child(field: "right") != nil else { return ([], states) }
            pairs = try pairedSides(left: node.child(field: "left"), right: node.child(field: "right"))
        }
        var edges: [DataFlowEdge] = []
        for (_, right) in pairs {
            let result = try flow(right, states)
            edges += result.edges
            states = result.states
        }
        edges += try computedFrom(pairs, &states)
        return (Self.stableSorted(edges), states)
    }

    private func ifStatement(_ node: PythonSyntaxNode, _ states: States) throws -> (edges: [DataFlowEdge], states: States) {
        var edges: [DataFlowEdge] = []
        var current = states
        var branches: [States] = []
        var sawElse = false
        for child in node.children {
            if child.type.contains("else") { sawElse = true }
            if child.type != "elif_clause" && child.type != "else_clause" {
                let result = try flow(child, current)
                edges += result.edges
                current = result.states
            } else {
                let result = try flow(child, states)
                edges += result.edges
                branches.append(result.states)
            }
        }
        branches.append(current)
        if !sawElse { branches.append(states) }
        var merged: States = [:]
        for branch in branches {
            for (key, value) in branch { merged[key, default: []] += value }
        }
        for key in merged.keys { merged[key] = Array(Set(merged[key] ?? [])).sorted() }
        return (Self.stableSorted(edges), merged)
    }

    private func forStatement(_ node: PythonSyntaxNode, _ incoming: States) throws -> (edges: [DataFlowEdge], states: States) {
        var states = incoming
        var edges: [DataFlowEdge] = []
        for _ in 0..<2 {
            let pairs = try pairedSides(left: node.child(field: "left"), right: node.child(field: "right"))
            for (_, right) in pairs {
                let result = try flow(right, states)
                edges += result.edges
                states = result.states
            }
            edges += try computedFrom(pairs, &states)
            // Only a body that is the last child is visited: a loop with `else` skips its body.
            if let last = node.children.last, last.type == "block" {
                let result = try flow(last, states)
                edges += result.edges
                states = result.states
            }
        }
        return (Self.deduplicated(edges), states)
    }

    // MARK: - Ordering

    /// Python's stable `sorted(..., key=index)`.
    private static func stableSorted(_ edges: [DataFlowEdge]) -> [DataFlowEdge] {
        // Children are visited in source order, so the edges mostly arrive sorted already: a linear
        // check spares the sort and its copies at every level of the tree.
        if zip(edges, edges.dropFirst()).allSatisfy({ $0.index <= $1.index }) { return edges }
        return edges.enumerated().sorted { ($0.element.index, $0.offset) < ($1.element.index, $1.offset) }.map(\.element)
    }

    /// Merges edges with the same name, index and relation (their parents united), ordered by index.
    private static func deduplicated(_ edges: [DataFlowEdge]) -> [DataFlowEdge] {
        struct Key: Hashable {
            var name: String
            var index: Int
            var relation: String
        }
        var order: [Key] = []
        var merged: [Key: ([String], [Int])] = [:]
        for edge in edges {
            let key = Key(name: edge.name, index: edge.index, relation: edge.relation)
            if let existing = merged[key] {
                merged[key] = (union(existing.0, edge.parentNames), Array(Set(existing.1 + edge.parentIndices)).sorted())
            } else {
                order.append(key)
                merged[key] = (edge.parentNames, edge.parentIndices)
            }
        }
        let result = order.map { key -> DataFlowEdge in
            let parents = merged[key] ?? ([], [])
            return DataFlowEdge(name: key.name, index: key.index, relation: key.relation, parentNames: parents.0, parentIndices: parents.1)
        }
        return stableSorted(result)
    }

    /// The distinct elements of both lists (codebleu: `list(set(a + b))`). Python's set order is
    /// arbitrary but the same for the same names within a run, so a sorted order is used: it agrees
    /// wherever both graphs went through a set, and, like Python almost always does, it differs from
    /// a list that kept its source order.
    private static func union<T: Hashable & Comparable>(_ a: [T], _ b: [T]) -> [T] {
        Array(Set(a + b)).sorted()
    }
}
