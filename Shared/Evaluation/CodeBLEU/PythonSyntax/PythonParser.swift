/// A recursive-descent Python parser that builds the concrete syntax tree tree-sitter-python 0.21
/// builds for valid code (same node types, fields and anonymous tokens), statements first here,
/// expressions in `PythonParser+Expressions.swift`.
public struct PythonParser {
    /// The outcome of parsing one source text.
    public struct Result: Sendable {
        /// The `module` tree; failed statements appear as childless `ERROR` nodes.
        public var tree: PythonSyntaxNode
        /// The problems met, empty when the source parsed cleanly.
        public var problems: [PythonSyntaxError]
        /// How many comments the source held.
        public var commentCount: Int

        /// Whether the whole source parsed without a problem.
        public var parsedCleanly: Bool { problems.isEmpty }
    }

    let source: [Unicode.Scalar]
    let lines: PythonSourceLineTable
    var tokens: [PythonToken]
    var index = 0
    /// Current nesting of expressions and blocks; bounded so hostile input cannot exhaust the stack.
    var depth = 0
    static let maxDepth = 100
    /// Longest failed logical line (in tokens) whose expressions are still recovered.
    static let maxRecoveredLine = 1000
    var problems: [PythonSyntaxError] = []

    /// Words the grammar never takes as identifiers.
    static let hardKeywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "break", "class", "continue", "def", "del", "elif",
        "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    init(source: [Unicode.Scalar], lines: PythonSourceLineTable, tokens: [PythonToken]) {
        self.source = source
        self.lines = lines
        self.tokens = tokens
    }

    /// Enters one more level of nesting, failing past `maxDepth`; pair with `defer { depth -= 1 }`.
    mutating func enter() throws {
        depth += 1
        if depth > Self.maxDepth {
            throw failure("nesting deeper than \(Self.maxDepth) levels")
        }
    }

    /// Parses a whole module, recovering statement by statement so code with errors still yields a tree.
    public static func parse(_ code: String) -> Result {
        let scalars = Array(code.unicodeScalars)
        let lines = PythonSourceLineTable(scalars)
        var lexer = PythonLexer(source: scalars, lines: lines, range: nil, insideBrackets: false)
        var tokens = lexer.tokenize()
        if lexer.leftBracketOpen {
            var retry = PythonLexer(source: scalars, lines: lines, range: nil, insideBrackets: false)
            retry.closesBracketsAtStatementKeywords = true
            tokens = retry.tokenize()
            lexer = retry
        }
        var parser = PythonParser(source: scalars, lines: lines, tokens: tokens)
        parser.problems = lexer.problems
        let tree = parser.parseModule()
        return Result(tree: tree, problems: parser.problems, commentCount: lexer.commentCount)
    }

    // MARK: - Token access

    var current: PythonToken { tokens[min(index, tokens.count - 1)] }

    func peekToken(_ ahead: Int) -> PythonToken { tokens[min(index + ahead, tokens.count - 1)] }

    func isOp(_ text: String) -> Bool { current.kind == .op && current.text == text }

    func isKeyword(_ text: String) -> Bool { current.kind == .name && current.text == text }

    func failure(_ message: String) -> PythonSyntaxError {
        PythonSyntaxError(line: lines.line(of: current.start), message: message)
    }

    /// Consumes the current token as an anonymous leaf.
    mutating func token() -> PythonSyntaxNode {
        let t = current
        index += 1
        return PythonSyntaxNode(leaf: t.text, isNamed: false, text: t.text, start: t.start, end: t.end)
    }

    mutating func expectOp(_ text: String) throws -> PythonSyntaxNode {
        guard isOp(text) else { throw failure("expected '\(text)' but found '\(current.text)'") }
        return token()
    }

    mutating func expectKeyword(_ text: String) throws -> PythonSyntaxNode {
        guard isKeyword(text) else { throw failure("expected '\(text)' but found '\(current.text)'") }
        return token()
    }

    mutating func expectIdentifier() throws -> PythonSyntaxNode {
        guard current.kind == .name, !Self.hardKeywords.contains(current.text) else {
            throw failure("expected a name but found '\(current.text)'")
        }
        let t = current
        index += 1
        return PythonSyntaxNode(leaf: "identifier", isNamed: true, text: t.text, start: t.start, end: t.end)
    }

    // MARK: - Module and blocks

    mutating func parseModule() -> PythonSyntaxNode {
        PythonSyntaxNode("module", parseStatements(inBlock: false).map { (nil, $0) }, start: 0, end: source.count)
    }

    /// Statements up to the end of a block (or of the source), recovering from a failed statement
    /// by turning its first line into an ERROR node and parsing on from the next line; the body of a
    /// header lacking its `:` joins that ERROR (`PythonParser+Recovery.swift`), the body of another
    /// failed header is read as if it were not indented.
    mutating func parseStatements(inBlock: Bool) -> [PythonSyntaxNode] {
        var statements: [PythonSyntaxNode] = []
        var unexpectedIndents = 0
        while true {
            switch current.kind {
            case .endOfInput:
                return statements
            case .dedent:
                if unexpectedIndents > 0 {
                    unexpectedIndents -= 1
                } else if inBlock {
                    return statements
                }
                index += 1
                continue
            case .indent:
                if statements.last?.type != "ERROR" { problems.append(failure("unexpected indentation")) }
                unexpectedIndents += 1
                index += 1
                continue
            case .newline:
                index += 1
                continue
            default:
                break
            }
            let start = index
            do {
                statements += try parseStatement()
            } catch {
                problems.append(error as? PythonSyntaxError ?? failure("\(error)"))
                index = start
                let failed = skipLine()
                statements.append(failedHeaderLacksColon(startingAt: start)
                                  ? swallowIndentedBody(into: failed, headerStart: tokens[start].start) : failed)
            }
        }
    }

    /// Turns the rest of a failed logical line into an ERROR node holding whatever expressions still
    /// parse there and the other tokens as leaves, so names keep their place in the data flow.
    mutating func skipLine() -> PythonSyntaxNode {
        let start = current.start
        var end = start
        var children: [(String?, PythonSyntaxNode)] = []
        // Re-parsing from every token is quadratic, so very long broken lines are kept as plain leaves.
        var lineLength = 0
        while index + lineLength < tokens.count, tokens[index + lineLength].kind != .newline, lineLength <= Self.maxRecoveredLine {
            lineLength += 1
        }
        let attemptExpressions = lineLength <= Self.maxRecoveredLine
        while current.kind != .endOfInput && current.kind != .newline {
            let saved = index
            if attemptExpressions && canStartExpression() && !isOp("*") && !isOp("**"),
               let expression = try? parseExpression(), index > saved,
               !tokens[saved..<index].contains(where: { $0.kind == .newline || $0.kind == .endOfInput }) {
                children.append((nil, expression))
                end = expression.end
                continue
            }
            index = saved
            let t = current
            index += 1
            end = t.end
            switch t.kind {
            case .name where !Self.hardKeywords.contains(t.text):
                children.append((nil, PythonSyntaxNode(leaf: "identifier", isNamed: true, text: t.text, start: t.start, end: t.end)))
            case .number:
                children.append((nil, PythonSyntaxNode(leaf: Self.numberType(t.text), isNamed: true, text: t.text, start: t.start, end: t.end)))
            case .string:
                if let string = try? stringNode(t) {
                    children.append((nil, string))
                } else {
                    children.append((nil, PythonSyntaxNode(leaf: "ERROR", isNamed: true, text: t.text, start: t.start, end: t.end)))
                }
            case .indent, .dedent:
                break
            default:
                children.append((nil, PythonSyntaxNode(leaf: t.text, isNamed: false, text: t.text, start: t.start, end: t.end)))
            }
        }
        if current.kind == .newline { index += 1 }
        return PythonSyntaxNode("ERROR", children, start: start, end: end)
    }

    /// The body after a `:` — an indented block or simple statements on the same line.
    mutating func parseBlock() throws -> PythonSyntaxNode {
        try enter()
        defer { depth -= 1 }
        var children: [PythonSyntaxNode] = []
        if current.kind == .newline {
            index += 1
            guard current.kind == .indent else {
                // tree-sitter accepts a header with no indented body (what is left of a function
                // whose only statement was a docstring) as an empty block, without an error.
                return PythonSyntaxNode("block", [], start: current.start, end: current.start)
            }
            index += 1
            children = parseStatements(inBlock: true)
            if current.kind == .dedent { index += 1 }
        } else {
            children = try parseSimpleStatements()
        }
        guard !children.isEmpty else { throw failure("empty block") }
        return PythonSyntaxNode("block", children.map { (nil, $0) })
    }

    // MARK: - Statements

    mutating func parseStatement() throws -> [PythonSyntaxNode] {
        if current.kind == .op && current.text == "@" { return [try parseDecorated()] }
        if current.kind == .name {
            switch current.text {
            case "if": return [try parseIf()]
            case "while": return [try parseWhile()]
            case "for": return [try parseFor(asyncToken: nil)]
            case "try": return [try parseTry()]
            case "with": return [try parseWith(asyncToken: nil)]
            case "def": return [try parseFunction(asyncToken: nil)]
            case "class": return [try parseClass()]
            case "match":
                if let statement = parseMatchIfPresent() { return [statement] }
            case "async":
                let next = peekToken(1)
                if next.kind == .name && ["def", "for", "with"].contains(next.text) {
                    let asyncToken = token()
                    switch next.text {
                    case "def": return [try parseFunction(asyncToken: asyncToken)]
                    case "for": return [try parseFor(asyncToken: asyncToken)]
                    default: return [try parseWith(asyncToken: asyncToken)]
                    }
                }
            default: break
            }
        }
        return try parseSimpleStatements()
    }

    /// Simple statements separated by `;` up to the end of the line; the `;` tokens stay siblings.
    mutating func parseSimpleStatements() throws -> [PythonSyntaxNode] {
        var result = [try parseSimpleStatement()]
        while isOp(";") {
            result.append(token())
            if current.kind == .newline || current.kind == .endOfInput { break }
            result.append(try parseSimpleStatement())
        }
        guard current.kind == .newline || current.kind == .endOfInput else {
            throw failure("unexpected '\(current.text)'")
        }
        if current.kind == .newline { index += 1 }
        return result
    }

    mutating func parseSimpleStatement() throws -> PythonSyntaxNode {
        if current.kind == .name {
            switch current.text {
            case "pass": return PythonSyntaxNode("pass_statement", [(nil, token())])
            case "break": return PythonSyntaxNode("break_statement", [(nil, token())])
            case "continue": return PythonSyntaxNode("continue_statement", [(nil, token())])
            case "return":
                var children = [(String?.none, token())]
                if canStartExpression() { children.append((nil, try parseExpressions())) }
                return PythonSyntaxNode("return_statement", children)
            case "del":
                return PythonSyntaxNode("delete_statement", [(nil, token()), (nil, try parseExpressions())])
            case "raise":
                var children = [(String?.none, token())]
                if canStartExpression() { children.append((nil, try parseExpressions())) }
                if isKeyword("from") {
                    children.append((nil, token()))
                    children.append(("cause", try parseExpression()))
                }
                return PythonSyntaxNode("raise_statement", children)
            case "global", "nonlocal":
                let type = current.text == "global" ? "global_statement" : "nonlocal_statement"
                var children = [(String?.none, token()), (nil, try expectIdentifier())]
                while isOp(",") {
                    children.append((nil, token()))
                    children.append((nil, try expectIdentifier()))
                }
                return PythonSyntaxNode(type, children)
            case "assert":
                var children = [(String?.none, token()), (nil, try parseExpression())]
                while isOp(",") {
                    children.append((nil, token()))
                    children.append((nil, try parseExpression()))
                }
                return PythonSyntaxNode("assert_statement", children)
            case "type" where peekToken(1).kind == .name && peekToken(2).kind == .op && ["=", "["].contains(peekToken(2).text):
                return try parseTypeAlias()
            case "print" where peekToken(1).kind == .op && peekToken(1).text == ">>":
                return try parsePython2Print()
            case "print" where Self.startsPython2Argument(peekToken(1)):
                return try parsePython2Print()
            case "exec" where peekToken(1).kind == .string || (peekToken(1).kind == .name && !Self.hardKeywords.contains(peekToken(1).text)):
                // The grammar takes only a string or a name as the code, so `in` stays free.
                var children: [(String?, PythonSyntaxNode)] = [(nil, token()), ("code", try parseAtom())]
                if isKeyword("in") {
                    children.append((nil, token()))
                    children.append((nil, try parseExpression()))
                    if isOp(",") {
                        children.append((nil, token()))
                        children.append((nil, try parseExpression()))
                    }
                }
                return PythonSyntaxNode("exec_statement", children)
            case "import": return try parseImport()
            case "from": return try parseImportFrom()
            default: break
            }
        }
        return try parseExpressionStatement()
    }

    mutating func parseExpressionStatement() throws -> PythonSyntaxNode {
        if isKeyword("yield") { return PythonSyntaxNode("expression_statement", [(nil, try parseYield())]) }
        let items = try parseStarredItems()
        if isOp("=") {
            return PythonSyntaxNode("expression_statement", [(nil, try finishAssignment(left: items))])
        }
        if isOp(":") {
            let left = try patternFromItems(items)
            var children: [(String?, PythonSyntaxNode)] = [("left", left), (nil, token())]
            children.append(("type", typeNode(try parseExpression())))
            if isOp("=") {
                children.append((nil, token()))
                children.append(("right", try parseRightHandSide()))
            }
            return PythonSyntaxNode("expression_statement", [(nil, PythonSyntaxNode("assignment", children))])
        }
        if current.kind == .op && Self.augmentedOperators.contains(current.text) {
            return PythonSyntaxNode("expression_statement", [(nil, try finishAugmented(left: items))])
        }
        return PythonSyntaxNode("expression_statement", items.map { (nil, $0) })
    }

    /// Whether a token after `print` / `exec` makes a Python 2 statement (`print x`), as tree-sitter
    /// reads it, rather than a call or an expression (`print(x)`, `print - 1`).
    static func startsPython2Argument(_ t: PythonToken) -> Bool {
        switch t.kind {
        case .number, .string: return true
        case .name: return !hardKeywords.contains(t.text) || ["not", "lambda", "True", "False", "None"].contains(t.text)
        default: return false
        }
    }

    /// Python 2's `print x, y` and `print >> f, x`, which tree-sitter-python still parses.
    mutating func parsePython2Print() throws -> PythonSyntaxNode {
        var children = [(String?.none, token())]
        if isOp(">>") {
            let chevron = token()
            children.append((nil, PythonSyntaxNode("chevron", [(nil, chevron), (nil, try parseExpression())])))
            if isOp(",") { children.append((nil, token())) }
        }
        while canStartExpression() && !isOp("*") && !isOp("**") {
            children.append(("argument", try parseExpression()))
            guard isOp(",") else { break }
            children.append((nil, token()))
        }
        return PythonSyntaxNode("print_statement", children)
    }

    static let augmentedOperators: Set<String> = ["+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "|=", "^=", "@="]

    /// `left = right`, where right may itself be an assignment (`a = b = c` nests to the right).
    mutating func finishAssignment(left items: [PythonSyntaxNode]) throws -> PythonSyntaxNode {
        let left = try patternFromItems(items)
        let equals = try expectOp("=")
        return PythonSyntaxNode("assignment", [("left", left), (nil, equals), ("right", try parseRightHandSide())])
    }

    mutating func finishAugmented(left items: [PythonSyntaxNode]) throws -> PythonSyntaxNode {
        let left = try patternFromItems(items)
        let op = token()
        return PythonSyntaxNode("augmented_assignment", [("left", left), ("operator", op), ("right", try parseRightHandSide())])
    }

    mutating func parseRightHandSide() throws -> PythonSyntaxNode {
        try enter()
        defer { depth -= 1 }
        if isKeyword("yield") { return try parseYield() }
        let items = try parseStarredItems()
        if isOp("=") { return try finishAssignment(left: items) }
        if current.kind == .op && Self.augmentedOperators.contains(current.text) { return try finishAugmented(left: items) }
        return listNode("expression_list", items)
    }

    /// One item, or several joined by commas into a node of the given type.
    func listNode(_ type: String, _ items: [PythonSyntaxNode]) -> PythonSyntaxNode {
        if items.count == 1 { return items[0] }
        return PythonSyntaxNode(type, items.map { (nil, $0) })
    }

    mutating func parseImport() throws -> PythonSyntaxNode {
        var children = [(String?.none, token())]
        children += try parseImportList()
        return PythonSyntaxNode("import_statement", children)
    }

    mutating func parseImportList() throws -> [(String?, PythonSyntaxNode)] {
        var children: [(String?, PythonSyntaxNode)] = []
        repeat {
            if !children.isEmpty {
                children.append((nil, token()))
                if !(current.kind == .name) { break }
            }
            let name = try parseDottedName()
            if isKeyword("as") {
                let asToken = token()
                let alias = try expectIdentifier()
                children.append(("name", PythonSyntaxNode("aliased_import", [("name", name), (nil, asToken), ("alias", alias)])))
            } else {
                children.append(("name", name))
            }
        } while isOp(",")
        return children
    }

    mutating func parseDottedName() throws -> PythonSyntaxNode {
        var children = [(String?.none, try expectIdentifier())]
        while isOp(".") {
            children.append((nil, token()))
            children.append((nil, try expectIdentifier()))
        }
        return PythonSyntaxNode("dotted_name", children)
    }

    mutating func parseImportFrom() throws -> PythonSyntaxNode {
        let fromToken = token()
        let module: PythonSyntaxNode
        if isOp(".") || isOp("...") {
            var dots: [(String?, PythonSyntaxNode)] = []
            while isOp(".") || isOp("...") { dots.append((nil, token())) }
            var parts: [(String?, PythonSyntaxNode)] = [(nil, PythonSyntaxNode("import_prefix", dots))]
            if current.kind == .name && current.text != "import" { parts.append((nil, try parseDottedName())) }
            module = PythonSyntaxNode("relative_import", parts)
        } else {
            module = try parseDottedName()
        }
        let isFuture = module.type == "dotted_name" && module.children.count == 1 && module.children[0].text == "__future__"
        var children: [(String?, PythonSyntaxNode)] = [(nil, fromToken)]
        if isFuture {
            // tree-sitter keeps `__future__` as an anonymous token of future_import_statement.
            children.append((nil, PythonSyntaxNode(leaf: "__future__", isNamed: false, text: "__future__",
                                                   start: module.start, end: module.end)))
        } else {
            children.append(("module_name", module))
        }
        children.append((nil, try expectKeyword("import")))
        if isOp("*") {
            children.append((nil, PythonSyntaxNode("wildcard_import", [(nil, token())])))
        } else if isOp("(") {
            children.append((nil, token()))
            children += try parseImportList()
            children.append((nil, try expectOp(")")))
        } else {
            children += try parseImportList()
        }
        if isFuture { return PythonSyntaxNode("future_import_statement", children) }
        return PythonSyntaxNode("import_from_statement", children)
    }

    // MARK: - Compound statements

    mutating func parseIf() throws -> PythonSyntaxNode {
        var children: [(String?, PythonSyntaxNode)] = [(nil, token()), ("condition", try parseExpression())]
        children.append((nil, try expectOp(":")))
        children.append(("consequence", try parseBlock()))
        while isKeyword("elif") {
            var clause: [(String?, PythonSyntaxNode)] = [(nil, token()), ("condition", try parseExpression())]
            clause.append((nil, try expectOp(":")))
            clause.append(("consequence", try parseBlock()))
            children.append(("alternative", PythonSyntaxNode("elif_clause", clause)))
        }
        if isKeyword("else") { children.append(("alternative", try parseElse())) }
        return PythonSyntaxNode("if_statement", children)
    }

    mutating func parseElse() throws -> PythonSyntaxNode {
        let elseToken = token()
        let colon = try expectOp(":")
        return PythonSyntaxNode("else_clause", [(nil, elseToken), (nil, colon), ("body", try parseBlock())])
    }

    mutating func parseWhile() throws -> PythonSyntaxNode {
        var children: [(String?, PythonSyntaxNode)] = [(nil, token()), ("condition", try parseExpression())]
        children.append((nil, try expectOp(":")))
        children.append(("body", try parseBlock()))
        if isKeyword("else") { children.append(("alternative", try parseElse())) }
        return PythonSyntaxNode("while_statement", children)
    }

    mutating func parseFor(asyncToken: PythonSyntaxNode?) throws -> PythonSyntaxNode {
        var children: [(String?, PythonSyntaxNode)] = asyncToken.map { [(nil, $0)] } ?? []
        children.append((nil, try expectKeyword("for")))
        children.append(("left", try parseTargets()))
        children.append((nil, try expectKeyword("in")))
        children.append(("right", try parseExpressions()))
        children.append((nil, try expectOp(":")))
        children.append(("body", try parseBlock()))
        if isKeyword("else") { children.append(("alternative", try parseElse())) }
        return PythonSyntaxNode("for_statement", children)
    }

    mutating func parseTry() throws -> PythonSyntaxNode {
        var children: [(String?, PythonSyntaxNode)] = [(nil, token()), (nil, try expectOp(":")), ("body", try parseBlock())]
        var handlers = 0
        while isKeyword("except") {
            var clause = [(String?.none, token())]
            let isGroup = isOp("*")
            if isGroup { clause.append((nil, token())) }
            if !isOp(":") {
                let value = try parseExpression()
                if isKeyword("as") {
                    let asToken = token()
                    let target = try parseExpression()
                    clause.append((nil, PythonSyntaxNode("as_pattern", [(nil, value), (nil, asToken),
                                                                   ("alias", PythonSyntaxNode("as_pattern_target", [(nil, target)]))])))
                } else {
                    clause.append((nil, value))
                }
            }
            clause.append((nil, try expectOp(":")))
            clause.append((nil, try parseBlock()))
            children.append((nil, PythonSyntaxNode(isGroup ? "except_group_clause" : "except_clause", clause)))
            handlers += 1
        }
        if isKeyword("else") { children.append((nil, try parseElse())) }
        if isKeyword("finally") {
            let finallyToken = token()
            let colon = try expectOp(":")
            children.append((nil, PythonSyntaxNode("finally_clause", [(nil, finallyToken), (nil, colon), (nil, try parseBlock())])))
            handlers += 1
        }
        guard handlers > 0 else { throw failure("try without except or finally") }
        return PythonSyntaxNode("try_statement", children)
    }

    mutating func parseWith(asyncToken: PythonSyntaxNode?) throws -> PythonSyntaxNode {
        var children: [(String?, PythonSyntaxNode)] = asyncToken.map { [(nil, $0)] } ?? []
        children.append((nil, try expectKeyword("with")))
        children.append((nil, try parseWithClause()))
        children.append((nil, try expectOp(":")))
        children.append(("body", try parseBlock()))
        return PythonSyntaxNode("with_statement", children)
    }

    /// The items of a `with`; a parenthesized list of items (Python 3.9+) is tried first.
    mutating func parseWithClause() throws -> PythonSyntaxNode {
        if isOp("(") {
            let saved = index
            if let clause = try? parseWithItems(parenthesized: true), isOp(":") { return clause }
            index = saved
        }
        return try parseWithItems(parenthesized: false)
    }

    mutating func parseWithItems(parenthesized: Bool) throws -> PythonSyntaxNode {
        var items: [(String?, PythonSyntaxNode)] = []
        if parenthesized { items.append((nil, try expectOp("("))) }
        var count = 0
        repeat {
            if count > 0 {
                items.append((nil, token()))
                if parenthesized && isOp(")") { break }
            }
            var value = try parseExpression()
            if isKeyword("as") {
                let asToken = token()
                let target = try parseTargetExpression()
                value = PythonSyntaxNode("as_pattern", [(nil, value), (nil, asToken),
                                                        ("alias", PythonSyntaxNode("as_pattern_target", [(nil, target)]))])
            }
            items.append((nil, PythonSyntaxNode("with_item", [("value", value)])))
            count += 1
        } while isOp(",")
        if parenthesized { items.append((nil, try expectOp(")"))) }
        return PythonSyntaxNode("with_clause", items)
    }

    mutating func parseFunction(asyncToken: PythonSyntaxNode?) throws -> PythonSyntaxNode {
        var children: [(String?, PythonSyntaxNode)] = asyncToken.map { [(nil, $0)] } ?? []
        children.append((nil, try expectKeyword("def")))
        children.append(("name", try expectIdentifier()))
        if isOp("[") { children.append(("type_parameters", try parseTypeParameters())) }
        let open = try expectOp("(")
        var parameters = [(String?.none, open)]
        parameters += try parseParameters(closing: ")", allowTypes: true)
        parameters.append((nil, try expectOp(")")))
        children.append(("parameters", PythonSyntaxNode("parameters", parameters)))
        if isOp("->") {
            children.append((nil, token()))
            children.append(("return_type", typeNode(try parseExpression())))
        }
        children.append((nil, try expectOp(":")))
        children.append(("body", try parseBlock()))
        return PythonSyntaxNode("function_definition", children)
    }

    mutating func parseClass() throws -> PythonSyntaxNode {
        var children: [(String?, PythonSyntaxNode)] = [(nil, token()), ("name", try expectIdentifier())]
        if isOp("[") { children.append(("type_parameters", try parseTypeParameters())) }
        if isOp("(") { children.append(("superclasses", try parseArgumentList())) }
        children.append((nil, try expectOp(":")))
        children.append(("body", try parseBlock()))
        return PythonSyntaxNode("class_definition", children)
    }

    mutating func parseDecorated() throws -> PythonSyntaxNode {
        var children: [(String?, PythonSyntaxNode)] = []
        while isOp("@") {
            let at = token()
            let expression = try parseExpression()
            guard current.kind == .newline else { throw failure("expected a new line after a decorator") }
            index += 1
            children.append((nil, PythonSyntaxNode("decorator", [(nil, at), (nil, expression)])))
        }
        if isKeyword("class") {
            children.append(("definition", try parseClass()))
        } else if isKeyword("async") {
            let asyncToken = token()
            children.append(("definition", try parseFunction(asyncToken: asyncToken)))
        } else {
            children.append(("definition", try parseFunction(asyncToken: nil)))
        }
        return PythonSyntaxNode("decorated_definition", children)
    }

    /// `type Name = value` (Python 3.12), typed as tree-sitter does: both sides wrapped in `type`.
    mutating func parseTypeAlias() throws -> PythonSyntaxNode {
        var children = [(String?.none, token())]
        var left = try expectIdentifier()
        if isOp("[") {
            left = PythonSyntaxNode("generic_type", [(nil, left), (nil, try parseTypeParameters())])
        }
        children.append((nil, PythonSyntaxNode("type", [(nil, left)])))
        children.append((nil, try expectOp("=")))
        children.append((nil, typeNode(try parseExpression())))
        return PythonSyntaxNode("type_alias_statement", children)
    }

    /// `[T, U]` after a function or class name (Python 3.12 generics).
    mutating func parseTypeParameters() throws -> PythonSyntaxNode {
        var children = [(String?.none, token())]
        repeat {
            if children.count > 1 {
                children.append((nil, token()))
                if isOp("]") { break }
            }
            children.append((nil, typeNode(try parseExpression())))
        } while isOp(",")
        children.append((nil, try expectOp("]")))
        return PythonSyntaxNode("type_parameter", children)
    }

    /// Parameters of a `def` (with annotations) or a `lambda` (without), up to the closing token.
    mutating func parseParameters(closing: String, allowTypes: Bool) throws -> [(String?, PythonSyntaxNode)] {
        var result: [(String?, PythonSyntaxNode)] = []
        while !isOp(closing) {
            if !result.isEmpty {
                result.append((nil, try expectOp(",")))
                if isOp(closing) { break }
            }
            result.append((nil, try parseParameter(closing: closing, allowTypes: allowTypes)))
        }
        return result
    }

    mutating func parseParameter(closing: String, allowTypes: Bool) throws -> PythonSyntaxNode {
        if isOp("/") { return PythonSyntaxNode("positional_separator", [(nil, token())]) }
        if isOp("*") || isOp("**") {
            let star = token()
            if star.text == "*" && (isOp(",") || isOp(closing)) {
                return PythonSyntaxNode("keyword_separator", [(nil, star)])
            }
            let name = try expectIdentifier()
            let splat = PythonSyntaxNode(star.text == "*" ? "list_splat_pattern" : "dictionary_splat_pattern", [(nil, star), (nil, name)])
            if allowTypes && isOp(":") {
                let colon = token()
                return PythonSyntaxNode("typed_parameter", [(nil, splat), (nil, colon), ("type", typeNode(try parseExpression()))])
            }
            return splat
        }
        let name = try expectIdentifier()
        if allowTypes && isOp(":") {
            let colon = token()
            let type = typeNode(try parseExpression())
            if isOp("=") {
                let equals = token()
                return PythonSyntaxNode("typed_default_parameter", [("name", name), (nil, colon), ("type", type), (nil, equals),
                                                              ("value", try parseExpression())])
            }
            return PythonSyntaxNode("typed_parameter", [(nil, name), (nil, colon), ("type", type)])
        }
        if isOp("=") {
            let equals = token()
            return PythonSyntaxNode("default_parameter", [("name", name), (nil, equals), ("value", try parseExpression())])
        }
        return name
    }
}
