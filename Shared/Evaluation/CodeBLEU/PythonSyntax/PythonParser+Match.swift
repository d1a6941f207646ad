extension PythonParser {
    /// `match subject:` with its `case` clauses, tried speculatively since `match` is also a plain name.
    mutating func parseMatchIfPresent() -> PythonSyntaxNode? {
        guard isKeyword("match"), peekToken(1).kind != .newline else { return nil }
        let next = peekToken(1)
        if next.kind == .op && ["=", ".", ",", ")", "]", ":", "+=", "-="].contains(next.text) { return nil }
        let saved = index
        let savedProblems = problems
        if let statement = try? parseMatch() { return statement }
        index = saved
        problems = savedProblems
        return nil
    }

    mutating func parseMatch() throws -> PythonSyntaxNode {
        var children: [(String?, PythonSyntaxNode)] = [(nil, token())]
        children.append(("subject", try parseExpression()))
        while isOp(",") {
            children.append((nil, token()))
            if isOp(":") { break }
            children.append(("subject", try parseExpression()))
        }
        children.append((nil, try expectOp(":")))
        guard current.kind == .newline else { throw failure("expected a new line after match") }
        index += 1
        guard current.kind == .indent else { throw failure("expected indented case clauses") }
        index += 1
        var clauses: [(String?, PythonSyntaxNode)] = []
        while isKeyword("case") {
            clauses.append(("alternative", try parseCaseClause()))
            while current.kind == .newline { index += 1 }
        }
        guard !clauses.isEmpty else { throw failure("match without case") }
        guard current.kind == .dedent || current.kind == .endOfInput else { throw failure("expected 'case'") }
        if current.kind == .dedent { index += 1 }
        children.append(("body", PythonSyntaxNode("block", clauses)))
        return PythonSyntaxNode("match_statement", children)
    }

    mutating func parseCaseClause() throws -> PythonSyntaxNode {
        var children: [(String?, PythonSyntaxNode)] = [(nil, token()), (nil, try parseCasePattern())]
        while isOp(",") {
            children.append((nil, token()))
            if isOp(":") || isKeyword("if") { break }
            children.append((nil, try parseCasePattern()))
        }
        if isKeyword("if") {
            let ifToken = token()
            children.append(("guard", PythonSyntaxNode("if_clause", [(nil, ifToken), (nil, try parseExpression())])))
        }
        children.append((nil, try expectOp(":")))
        children.append(("consequence", try parseBlock()))
        return PythonSyntaxNode("case_clause", children)
    }

    /// A `case_pattern`: alternatives joined by `|`, optionally bound with `as`.
    mutating func parseCasePattern() throws -> PythonSyntaxNode {
        try enter()
        defer { depth -= 1 }
        var pattern = PythonSyntaxNode("case_pattern", try parseUnionPattern().map { (nil, $0) },
                                       start: current.start, end: current.start)
        while isKeyword("as") {
            let asToken = token()
            let name = try expectIdentifier()
            pattern = PythonSyntaxNode("case_pattern", [(nil, PythonSyntaxNode("as_pattern", [(nil, pattern), (nil, asToken), (nil, name)]))])
        }
        return pattern
    }

    /// The children of a case_pattern: one closed pattern, or a `union_pattern` of several.
    mutating func parseUnionPattern() throws -> [PythonSyntaxNode] {
        let first = try parseClosedPattern()
        guard isOp("|") else { return first }
        var children = first.map { (String?.none, $0) }
        while isOp("|") {
            children.append((nil, token()))
            children += try parseClosedPattern().map { (nil, $0) }
        }
        return [PythonSyntaxNode("union_pattern", children)]
    }

    /// One pattern without `|` or `as`, as the nodes it contributes to its parent.
    mutating func parseClosedPattern() throws -> [PythonSyntaxNode] {
        let t = current
        switch t.kind {
        case .number:
            return [try parseAtom()]
        case .string:
            return [try parseAtom()]
        case .op:
            switch t.text {
            case "-":
                let minus = token()
                guard current.kind == .number else { throw failure("expected a number after '-' in a pattern") }
                return [minus, try parseAtom()]
            case "*", "**":
                let star = token()
                let name = isKeyword("_") ? token() : try expectIdentifier()
                return [PythonSyntaxNode("splat_pattern", [(nil, star), (nil, name)])]
            case "[":
                return [try parseSequencePattern(type: "list_pattern", closing: "]")]
            case "(":
                return [try parseSequencePattern(type: "tuple_pattern", closing: ")")]
            case "{":
                return [try parseDictPattern()]
            default:
                throw failure("unexpected '\(t.text)' in a pattern")
            }
        case .name:
            switch t.text {
            case "_":
                return [token()]
            case "None", "True", "False":
                return [try parseAtom()]
            default:
                var parts = [(String?.none, try expectIdentifier())]
                while isOp(".") {
                    parts.append((nil, token()))
                    parts.append((nil, try expectIdentifier()))
                }
                let name = PythonSyntaxNode("dotted_name", parts)
                guard isOp("(") else { return [name] }
                return [try parseClassPattern(name)]
            }
        default:
            throw failure("unexpected end of pattern")
        }
    }

    mutating func parseSequencePattern(type: String, closing: String) throws -> PythonSyntaxNode {
        var children = [(String?.none, token())]
        while !isOp(closing) {
            if children.count > 1 {
                children.append((nil, try expectOp(",")))
                if isOp(closing) { break }
            }
            children.append((nil, try parseCasePattern()))
        }
        children.append((nil, token()))
        return PythonSyntaxNode(type, children)
    }

    mutating func parseDictPattern() throws -> PythonSyntaxNode {
        var children = [(String?.none, token())]
        while !isOp("}") {
            if children.count > 1 {
                children.append((nil, try expectOp(",")))
                if isOp("}") { break }
            }
            if isOp("**") {
                let stars = token()
                children.append((nil, PythonSyntaxNode("splat_pattern", [(nil, stars), (nil, try expectIdentifier())])))
                continue
            }
            let key = try parseClosedPattern()
            guard key.count == 1 || key.first?.type == "-" else { throw failure("bad key in a mapping pattern") }
            for (offset, part) in key.enumerated() { children.append((offset == key.count - 1 ? "key" : nil, part)) }
            children.append((nil, try expectOp(":")))
            children.append(("value", try parseCasePattern()))
        }
        children.append((nil, token()))
        return PythonSyntaxNode("dict_pattern", children)
    }

    mutating func parseClassPattern(_ name: PythonSyntaxNode) throws -> PythonSyntaxNode {
        var children: [(String?, PythonSyntaxNode)] = [(nil, name), (nil, token())]
        var count = 0
        while !isOp(")") {
            if count > 0 {
                children.append((nil, try expectOp(",")))
                if isOp(")") { break }
            }
            count += 1
            if current.kind == .name, peekToken(1).kind == .op, peekToken(1).text == "=" {
                let key = try expectIdentifier()
                let equals = token()
                var keyword: [(String?, PythonSyntaxNode)] = [(nil, key), (nil, equals)]
                keyword += try parseUnionPattern().map { (nil, $0) }
                children.append((nil, PythonSyntaxNode("case_pattern", [(nil, PythonSyntaxNode("keyword_pattern", keyword))])))
            } else {
                children.append((nil, try parseCasePattern()))
            }
        }
        children.append((nil, token()))
        return PythonSyntaxNode("class_pattern", children)
    }
}
