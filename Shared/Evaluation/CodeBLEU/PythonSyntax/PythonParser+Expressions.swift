extension PythonParser {
    /// Binary operators by tree-sitter-python's precedence (14 = `|` ... 19 = `*`); note that the
    /// grammar ranks `^` above `&`, unlike Python, and the tree follows the grammar.
    static let binaryLevels: [[String]] = [["|"], ["&"], ["^"], ["<<", ">>"], ["+", "-"], ["*", "/", "//", "%", "@"]]

    static let comparisonOperators: Set<String> = ["<", ">", "==", ">=", "<=", "!=", "<>"]

    func canStartExpression() -> Bool {
        let t = current
        switch t.kind {
        case .name:
            if ["not", "lambda", "True", "False", "None", "await", "yield"].contains(t.text) { return true }
            return !Self.hardKeywords.contains(t.text)
        case .number, .string: return true
        case .op: return ["(", "[", "{", "-", "+", "~", "...", "*", "**"].contains(t.text)
        default: return false
        }
    }

    // MARK: - Expression lists

    /// Comma-separated expressions (with `*x`), as for an expression statement's targets.
    mutating func parseStarredItems() throws -> [PythonSyntaxNode] {
        var items = [try parseStarredExpression()]
        while isOp(",") {
            items.append(token())
            guard canStartExpression() else { break }
            items.append(try parseStarredExpression())
        }
        return items
    }

    mutating func parseStarredExpression() throws -> PythonSyntaxNode {
        if isOp("*") {
            let star = token()
            return PythonSyntaxNode("list_splat", [(nil, star), (nil, try parseExpression())])
        }
        return try parseExpression()
    }

    /// One expression, or several as an `expression_list` (`return a, b`).
    mutating func parseExpressions() throws -> PythonSyntaxNode {
        listNode("expression_list", try parseStarredItems())
    }

    /// Targets of `for` loops and comprehensions, parsed below comparisons so `in` stays free.
    mutating func parseTargets() throws -> PythonSyntaxNode {
        var items = [try parseTarget()]
        while isOp(",") {
            items.append(token())
            if isKeyword("in") || isOp("=") { break }
            items.append(try parseTarget())
        }
        return items.count == 1 ? items[0] : PythonSyntaxNode("pattern_list", items.map { (nil, $0) })
    }

    mutating func parseTarget() throws -> PythonSyntaxNode {
        try enter()
        defer { depth -= 1 }
        if isOp("*") {
            let star = token()
            return PythonSyntaxNode("list_splat_pattern", [(nil, star), (nil, try parseTarget())])
        }
        return pattern(try parseBinary(level: 0))
    }

    /// The target after `with ... as`.
    mutating func parseTargetExpression() throws -> PythonSyntaxNode {
        try parseBinary(level: 0)
    }

    /// The left side of an assignment as tree-sitter types it: patterns instead of expressions.
    func patternFromItems(_ items: [PythonSyntaxNode]) throws -> PythonSyntaxNode {
        if items.count == 1 { return pattern(items[0]) }
        return PythonSyntaxNode("pattern_list", items.map { (nil, pattern($0)) })
    }

    func pattern(_ node: PythonSyntaxNode) -> PythonSyntaxNode {
        var result = node
        switch node.type {
        case "tuple", "parenthesized_expression": result.type = "tuple_pattern"
        case "list": result.type = "list_pattern"
        case "list_splat": result.type = "list_splat_pattern"
        case "expression_list": result.type = "pattern_list"
        default: return node
        }
        result.children = node.children.map { $0.isNamed ? pattern($0) : $0 }
        return result
    }

    /// A type annotation: `type`, with `Name[...]` as tree-sitter 0.21's `generic_type`.
    func typeNode(_ expression: PythonSyntaxNode) -> PythonSyntaxNode {
        PythonSyntaxNode("type", [(nil, genericType(expression))])
    }

    func genericType(_ node: PythonSyntaxNode) -> PythonSyntaxNode {
        guard node.type == "subscript", let value = node.child(field: "value"), value.type == "identifier",
              !node.children.contains(where: { $0.type == "slice" }) else { return node }
        var parameters: [(String?, PythonSyntaxNode)] = []
        for (offset, child) in node.children.enumerated() where offset > 0 {
            parameters.append((nil, child.isNamed ? typeNode(child) : child))
        }
        return PythonSyntaxNode("generic_type", [(nil, value), (nil, PythonSyntaxNode("type_parameter", parameters))])
    }

    // MARK: - Expressions by precedence

    /// A full expression: lambda, walrus, conditional, and everything below.
    mutating func parseExpression() throws -> PythonSyntaxNode {
        try enter()
        defer { depth -= 1 }
        if isKeyword("lambda") { return try parseLambda() }
        if current.kind == .name, peekToken(1).kind == .op, peekToken(1).text == ":=" {
            let name = try expectIdentifier()
            let walrus = token()
            return PythonSyntaxNode("named_expression", [("name", name), (nil, walrus), ("value", try parseExpression())])
        }
        let value = try parseOr()
        if isKeyword("if") {
            let ifToken = token()
            let condition = try parseOr()
            let elseToken = try expectKeyword("else")
            return PythonSyntaxNode("conditional_expression", [(nil, value), (nil, ifToken), (nil, condition), (nil, elseToken),
                                                         (nil, try parseExpression())])
        }
        return value
    }

    mutating func parseLambda() throws -> PythonSyntaxNode {
        var children = [(String?.none, token())]
        if !isOp(":") {
            let parameters = try parseParameters(closing: ":", allowTypes: false)
            children.append(("parameters", PythonSyntaxNode("lambda_parameters", parameters)))
        }
        children.append((nil, try expectOp(":")))
        children.append(("body", try parseExpression()))
        return PythonSyntaxNode("lambda", children)
    }

    mutating func parseOr() throws -> PythonSyntaxNode {
        var left = try parseAnd()
        while isKeyword("or") {
            let op = token()
            left = PythonSyntaxNode("boolean_operator", [("left", left), ("operator", op), ("right", try parseAnd())])
        }
        return left
    }

    mutating func parseAnd() throws -> PythonSyntaxNode {
        var left = try parseNot()
        while isKeyword("and") {
            let op = token()
            left = PythonSyntaxNode("boolean_operator", [("left", left), ("operator", op), ("right", try parseNot())])
        }
        return left
    }

    mutating func parseNot() throws -> PythonSyntaxNode {
        try enter()
        defer { depth -= 1 }
        if isKeyword("not") {
            let op = token()
            return PythonSyntaxNode("not_operator", [(nil, op), ("argument", try parseNot())])
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws -> PythonSyntaxNode {
        let first = try parseBinary(level: 0)
        var children: [(String?, PythonSyntaxNode)] = [(nil, first)]
        while true {
            if current.kind == .op && Self.comparisonOperators.contains(current.text) {
                children.append(("operators", token()))
            } else if isKeyword("in") {
                children.append(("operators", token()))
            } else if isKeyword("not") && peekToken(1).kind == .name && peekToken(1).text == "in" {
                // tree-sitter aliases both words of `not in` / `is not` to one anonymous type.
                var notToken = token()
                var inToken = token()
                notToken.type = "not in"
                inToken.type = "not in"
                children.append(("operators", notToken))
                children.append(("operators", inToken))
            } else if isKeyword("is") {
                var isToken = token()
                if isKeyword("not") {
                    var notToken = token()
                    isToken.type = "is not"
                    notToken.type = "is not"
                    children.append(("operators", isToken))
                    children.append(("operators", notToken))
                } else {
                    children.append(("operators", isToken))
                }
            } else {
                break
            }
            children.append((nil, try parseBinary(level: 0)))
        }
        return children.count == 1 ? first : PythonSyntaxNode("comparison_operator", children)
    }

    mutating func parseBinary(level: Int) throws -> PythonSyntaxNode {
        guard level < Self.binaryLevels.count else { return try parseUnary() }
        var left = try parseBinary(level: level + 1)
        while current.kind == .op && Self.binaryLevels[level].contains(current.text) {
            let op = token()
            left = PythonSyntaxNode("binary_operator", [("left", left), ("operator", op), ("right", try parseBinary(level: level + 1))])
        }
        return left
    }

    mutating func parseUnary() throws -> PythonSyntaxNode {
        try enter()
        defer { depth -= 1 }
        if current.kind == .op && ["-", "+", "~"].contains(current.text) {
            let op = token()
            return PythonSyntaxNode("unary_operator", [("operator", op), ("argument", try parseUnary())])
        }
        if isKeyword("await") && startsOperand(peekToken(1)) {
            let op = token()
            return PythonSyntaxNode("await", [(nil, op), (nil, try parseUnary())])
        }
        return try parsePower()
    }

    /// Whether a token can begin the operand of a prefix word such as `await`.
    func startsOperand(_ t: PythonToken) -> Bool {
        switch t.kind {
        case .name: return !Self.hardKeywords.contains(t.text) || ["True", "False", "None"].contains(t.text)
        case .number, .string: return true
        case .op: return ["(", "[", "{", "..."].contains(t.text)
        default: return false
        }
    }

    mutating func parsePower() throws -> PythonSyntaxNode {
        let base = try parsePrimary()
        if isOp("**") {
            let op = token()
            return PythonSyntaxNode("binary_operator", [("left", base), ("operator", op), ("right", try parseUnary())])
        }
        return base
    }

    mutating func parsePrimary() throws -> PythonSyntaxNode {
        var node = try parseAtom()
        while true {
            if isOp(".") {
                let dot = token()
                node = PythonSyntaxNode("attribute", [("object", node), (nil, dot), ("attribute", try expectIdentifier())])
            } else if isOp("(") {
                node = PythonSyntaxNode("call", [("function", node), ("arguments", try parseArgumentList())])
            } else if isOp("[") {
                var children: [(String?, PythonSyntaxNode)] = [("value", node), (nil, token())]
                repeat {
                    if children.count > 2 {
                        children.append((nil, token()))
                        if isOp("]") { break }
                    }
                    children.append(("subscript", try parseSubscriptItem()))
                } while isOp(",")
                children.append((nil, try expectOp("]")))
                node = PythonSyntaxNode("subscript", children)
            } else {
                return node
            }
        }
    }

    mutating func parseSubscriptItem() throws -> PythonSyntaxNode {
        var children: [(String?, PythonSyntaxNode)] = []
        if !isOp(":") {
            let lower = try parseExpression()
            guard isOp(":") else { return lower }
            children.append((nil, lower))
        }
        children.append((nil, token()))
        if !isOp(":") && !isOp("]") && !isOp(",") { children.append((nil, try parseExpression())) }
        if isOp(":") {
            children.append((nil, token()))
            if !isOp("]") && !isOp(",") { children.append((nil, try parseExpression())) }
        }
        return PythonSyntaxNode("slice", children)
    }

    /// `( ... )` after a callee: an argument_list, or a generator_expression when it is the only argument.
    mutating func parseArgumentList() throws -> PythonSyntaxNode {
        let open = try expectOp("(")
        var children: [(String?, PythonSyntaxNode)] = [(nil, open)]
        var count = 0
        while !isOp(")") {
            if count > 0 {
                children.append((nil, try expectOp(",")))
                if isOp(")") { break }
            }
            let argument = try parseArgument()
            count += 1
            if count == 1 && (isKeyword("for") || (isKeyword("async") && peekToken(1).text == "for")) {
                var generator: [(String?, PythonSyntaxNode)] = [(nil, open), ("body", argument)]
                generator += try parseComprehensionClauses()
                generator.append((nil, try expectOp(")")))
                return PythonSyntaxNode("generator_expression", generator)
            }
            children.append((nil, argument))
        }
        children.append((nil, try expectOp(")")))
        return PythonSyntaxNode("argument_list", children)
    }

    mutating func parseArgument() throws -> PythonSyntaxNode {
        if isOp("*") || isOp("**") {
            let star = token()
            return PythonSyntaxNode(star.text == "*" ? "list_splat" : "dictionary_splat", [(nil, star), (nil, try parseExpression())])
        }
        if current.kind == .name, peekToken(1).kind == .op, peekToken(1).text == "=" {
            let name = try expectIdentifier()
            let equals = token()
            return PythonSyntaxNode("keyword_argument", [("name", name), (nil, equals), ("value", try parseExpression())])
        }
        return try parseExpression()
    }

    /// `for ... in ...` and `if ...` clauses of a comprehension.
    mutating func parseComprehensionClauses() throws -> [(String?, PythonSyntaxNode)] {
        var clauses: [(String?, PythonSyntaxNode)] = []
        while true {
            if isKeyword("for") || (isKeyword("async") && peekToken(1).text == "for") {
                var children: [(String?, PythonSyntaxNode)] = []
                if isKeyword("async") { children.append((nil, token())) }
                children.append((nil, token()))
                children.append(("left", try parseTargets()))
                children.append((nil, try expectKeyword("in")))
                children.append(("right", try parseOr()))
                clauses.append((nil, PythonSyntaxNode("for_in_clause", children)))
            } else if isKeyword("if") {
                let ifToken = token()
                clauses.append((nil, PythonSyntaxNode("if_clause", [(nil, ifToken), (nil, try parseOr())])))
            } else {
                return clauses
            }
        }
    }

    mutating func parseYield() throws -> PythonSyntaxNode {
        var children = [(String?.none, token())]
        if isKeyword("from") {
            children.append((nil, token()))
            children.append((nil, try parseExpression()))
        } else if canStartExpression() {
            children.append((nil, try parseExpressions()))
        }
        return PythonSyntaxNode("yield", children)
    }

    // MARK: - Atoms

    mutating func parseAtom() throws -> PythonSyntaxNode {
        let t = current
        switch t.kind {
        case .name:
            switch t.text {
            case "True", "False", "None":
                index += 1
                let type = t.text == "True" ? "true" : t.text == "False" ? "false" : "none"
                return PythonSyntaxNode(leaf: type, isNamed: true, text: t.text, start: t.start, end: t.end)
            default:
                return try expectIdentifier()
            }
        case .number:
            index += 1
            return PythonSyntaxNode(leaf: Self.numberType(t.text), isNamed: true, text: t.text, start: t.start, end: t.end)
        case .string:
            var strings: [PythonSyntaxNode] = []
            while current.kind == .string {
                strings.append(try stringNode(current))
                index += 1
            }
            return strings.count == 1 ? strings[0] : PythonSyntaxNode("concatenated_string", strings.map { (nil, $0) })
        case .op:
            switch t.text {
            case "...":
                index += 1
                return PythonSyntaxNode(leaf: "ellipsis", isNamed: true, text: t.text, start: t.start, end: t.end)
            case "(": return try parseParenthesized()
            case "[": return try parseBracketed()
            case "{": return try parseBraced()
            default: break
            }
        default: break
        }
        throw failure("unexpected '\(t.text.isEmpty ? "end of line" : t.text)'")
    }

    static func numberType(_ text: String) -> String {
        let lower = text.lowercased()
        if lower.hasPrefix("0x") || lower.hasPrefix("0o") || lower.hasPrefix("0b") { return "integer" }
        return lower.contains(".") || lower.contains("e") ? "float" : "integer"
    }

    /// Elements of a list, set or tuple up to `closing`, after the first one.
    mutating func parseCollectionRest(_ children: inout [(String?, PythonSyntaxNode)], closing: String) throws {
        while isOp(",") {
            children.append((nil, token()))
            if isOp(closing) { break }
            children.append((nil, try parseStarredExpression()))
        }
        children.append((nil, try expectOp(closing)))
    }

    func startsComprehension() -> Bool {
        isKeyword("for") || (isKeyword("async") && peekToken(1).text == "for")
    }

    mutating func parseParenthesized() throws -> PythonSyntaxNode {
        let open = token()
        if isOp(")") { return PythonSyntaxNode("tuple", [(nil, open), (nil, token())]) }
        if isKeyword("yield") {
            let value = try parseYield()
            return PythonSyntaxNode("parenthesized_expression", [(nil, open), (nil, value), (nil, try expectOp(")"))])
        }
        let first = try parseStarredExpression()
        if startsComprehension() {
            var children: [(String?, PythonSyntaxNode)] = [(nil, open), ("body", first)]
            children += try parseComprehensionClauses()
            children.append((nil, try expectOp(")")))
            return PythonSyntaxNode("generator_expression", children)
        }
        if isOp(",") {
            var children: [(String?, PythonSyntaxNode)] = [(nil, open), (nil, first)]
            try parseCollectionRest(&children, closing: ")")
            return PythonSyntaxNode("tuple", children)
        }
        return PythonSyntaxNode("parenthesized_expression", [(nil, open), (nil, first), (nil, try expectOp(")"))])
    }

    mutating func parseBracketed() throws -> PythonSyntaxNode {
        let open = token()
        if isOp("]") { return PythonSyntaxNode("list", [(nil, open), (nil, token())]) }
        let first = try parseStarredExpression()
        if startsComprehension() {
            var children: [(String?, PythonSyntaxNode)] = [(nil, open), ("body", first)]
            children += try parseComprehensionClauses()
            children.append((nil, try expectOp("]")))
            return PythonSyntaxNode("list_comprehension", children)
        }
        var children: [(String?, PythonSyntaxNode)] = [(nil, open), (nil, first)]
        try parseCollectionRest(&children, closing: "]")
        return PythonSyntaxNode("list", children)
    }

    mutating func parseBraced() throws -> PythonSyntaxNode {
        let open = token()
        if isOp("}") { return PythonSyntaxNode("dictionary", [(nil, open), (nil, token())]) }
        if isOp("**") {
            return try parseDictionaryRest(open: open, first: try parseDictionaryItem())
        }
        let first = try parseStarredExpression()
        if isOp(":") {
            let colon = token()
            let pair = PythonSyntaxNode("pair", [("key", first), (nil, colon), ("value", try parseExpression())])
            if startsComprehension() {
                var children: [(String?, PythonSyntaxNode)] = [(nil, open), ("body", pair)]
                children += try parseComprehensionClauses()
                children.append((nil, try expectOp("}")))
                return PythonSyntaxNode("dictionary_comprehension", children)
            }
            return try parseDictionaryRest(open: open, first: pair)
        }
        if startsComprehension() {
            var children: [(String?, PythonSyntaxNode)] = [(nil, open), ("body", first)]
            children += try parseComprehensionClauses()
            children.append((nil, try expectOp("}")))
            return PythonSyntaxNode("set_comprehension", children)
        }
        var children: [(String?, PythonSyntaxNode)] = [(nil, open), (nil, first)]
        try parseCollectionRest(&children, closing: "}")
        return PythonSyntaxNode("set", children)
    }

    mutating func parseDictionaryItem() throws -> PythonSyntaxNode {
        if isOp("**") {
            let stars = token()
            return PythonSyntaxNode("dictionary_splat", [(nil, stars), (nil, try parseExpression())])
        }
        let key = try parseExpression()
        let colon = try expectOp(":")
        return PythonSyntaxNode("pair", [("key", key), (nil, colon), ("value", try parseExpression())])
    }

    mutating func parseDictionaryRest(open: PythonSyntaxNode, first: PythonSyntaxNode) throws -> PythonSyntaxNode {
        var children: [(String?, PythonSyntaxNode)] = [(nil, open), (nil, first)]
        while isOp(",") {
            children.append((nil, token()))
            if isOp("}") { break }
            children.append((nil, try parseDictionaryItem()))
        }
        children.append((nil, try expectOp("}")))
        return PythonSyntaxNode("dictionary", children)
    }
}
