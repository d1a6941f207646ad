/// A node of a concrete Python syntax tree shaped like tree-sitter-python 0.21's: named nodes,
/// anonymous tokens and field names, so CodeBLEU's syntax and data-flow parts see the same tree.
public struct PythonSyntaxNode: Sendable, Equatable {
    /// The tree-sitter node type (`function_definition`, `identifier`, or a token's text such as `(`).
    public var type: String
    /// Whether tree-sitter would report the node as named (anonymous tokens are not).
    public var isNamed: Bool
    /// The children in source order, anonymous tokens included.
    public var children: [PythonSyntaxNode]
    /// The field name of each child (`name`, `body`, ...), nil where the grammar gives none.
    public var fieldNames: [String?]
    /// Offset of the first Unicode scalar of the node in the parsed source.
    public var start: Int
    /// Offset one past the last Unicode scalar of the node in the parsed source.
    public var end: Int
    /// The source text of a leaf; empty for inner nodes.
    public var text: String

    /// Makes a leaf.
    public init(leaf type: String, isNamed: Bool, text: String, start: Int, end: Int) {
        self.type = type
        self.isNamed = isNamed
        self.children = []
        self.fieldNames = []
        self.start = start
        self.end = end
        self.text = text
    }

    /// Makes an inner node spanning its children; `start`/`end` are used when it has none.
    public init(_ type: String, isNamed: Bool = true, _ children: [(String?, PythonSyntaxNode)], start: Int = 0, end: Int = 0) {
        self.type = type
        self.isNamed = isNamed
        self.children = children.map { $0.1 }
        self.fieldNames = children.map { $0.0 }
        self.start = children.first?.1.start ?? start
        self.end = children.last?.1.end ?? end
        self.text = ""
    }

    /// The first child carrying the given field name, as tree-sitter's `child_by_field_name`.
    public func child(field: String) -> PythonSyntaxNode? {
        for (index, name) in fieldNames.enumerated() where name == field {
            return children[index]
        }
        return nil
    }
}
