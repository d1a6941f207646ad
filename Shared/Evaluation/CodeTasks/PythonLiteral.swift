/// A Python value written as source, for test assertions and docstring examples.
indirect enum PythonLiteral: Equatable {
    case int(Int)
    case str(String)
    case bool(Bool)
    case list([PythonLiteral])
    case tuple([PythonLiteral])
    case dict([(PythonLiteral, PythonLiteral)])

    static func == (lhs: PythonLiteral, rhs: PythonLiteral) -> Bool { lhs.source == rhs.source }

    static func ints(_ values: [Int]) -> PythonLiteral { .list(values.map { .int($0) }) }
    static func strs(_ values: [String]) -> PythonLiteral { .list(values.map { .str($0) }) }

    /// The value as Python's `repr` writes it.
    var source: String {
        switch self {
        case .int(let value): return String(value)
        case .bool(let value): return value ? "True" : "False"
        case .str(let value): return Self.quote(value)
        case .list(let items): return "[" + items.map(\.source).joined(separator: ", ") + "]"
        case .tuple(let items):
            return items.count == 1 ? "(\(items[0].source),)" : "(" + items.map(\.source).joined(separator: ", ") + ")"
        case .dict(let pairs):
            return "{" + pairs.map { "\($0.0.source): \($0.1.source)" }.joined(separator: ", ") + "}"
        }
    }

    /// Python's choice of quotes: single unless the text has a single quote and no double quote.
    private static func quote(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if Character(scalar) == quote {
                    out += "\\\(quote)"
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + (hex.count < 2 ? "0" : "") + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append(quote)
        return out
    }
}
