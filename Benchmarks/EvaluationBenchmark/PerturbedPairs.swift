import BenchmarkKit
import Evaluation

/// (reference, candidate) pairs for timing the metrics: each reference is a bundled task's whole function
/// (prompt and canonical solution), each candidate the same code after a few seeded edits of the kinds a
/// model makes (renamed variables, changed operators and numbers, dropped or repeated lines, respacing,
/// comments) and, now and then, a syntax error.
enum PerturbedPairs {
    /// `count` pairs cycling over `problems`, the same for the same seed.
    static func make(from problems: [CodeProblem], count: Int, seed: UInt64) -> [ReferenceCandidate] {
        guard !problems.isEmpty else { return [] }
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            let problem = problems[index % problems.count]
            let reference = problem.prompt + problem.canonicalSolution
            var lines = reference.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for _ in 0..<(1 + random.below(3)) { edit(&lines, &random) }
            if random.chance(0.1) { breakSyntax(&lines, &random) }
            return ReferenceCandidate(reference: reference, candidate: lines.joined(separator: "\n"))
        }
    }

    private static let operatorSwaps = [(" + ", " - "), (" < ", " <= "), (" == ", " != "), (" * ", " + "), (" > ", " >= ")]

    private static func edit(_ lines: inout [String], _ random: inout SplitMix64) {
        // Line 0 is the signature; edits that drop or repeat lines keep it.
        guard lines.count > 1 else { return }
        let line = 1 + random.below(lines.count - 1)
        switch random.below(7) {
        case 0: rename(&lines, &random)
        case 1:
            let (from, to) = operatorSwaps[random.below(operatorSwaps.count)]
            if let range = lines[line].range(of: from) { lines[line].replaceSubrange(range, with: to) }
        case 2:
            if let digit = lines[line].firstIndex(where: \.isNumber), let value = lines[line][digit].wholeNumberValue {
                lines[line].replaceSubrange(digit...digit, with: String((value + 1) % 10))
            }
        case 3: if lines.count > 3 { lines.remove(at: line) }
        case 4: lines.insert(lines[line], at: line)
        case 5: lines[line] = lines[line].replacingOccurrences(of: "(", with: "( ").replacingOccurrences(of: ", ", with: ",")
        default:
            let indent = String(lines[line].prefix { $0 == " " })
            lines.insert(indent + "# check this step", at: line)
        }
    }

    /// Renames one identifier everywhere it stands as a whole word.
    private static func rename(_ lines: inout [String], _ random: inout SplitMix64) {
        let words = lines.dropFirst().flatMap(identifiers).filter { !keywords.contains($0) }
        guard !words.isEmpty else { return }
        let old = words[random.below(words.count)]
        let new = old + "_\(random.below(10))"
        lines = lines.map { replaceWord(old, with: new, in: $0) }
    }

    private static func breakSyntax(_ lines: inout [String], _ random: inout SplitMix64) {
        let line = random.below(lines.count)
        let target: Character = random.chance(0.5) ? ":" : ")"
        if let last = lines[line].lastIndex(of: target) {
            lines[line].remove(at: last)
        } else {
            lines[line] += " ("
        }
    }

    private static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "break", "class", "continue", "def", "del", "elif", "else",
        "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    private static func isWordCharacter(_ character: Character) -> Bool {
        character == "_" || character.isLetter || character.isNumber
    }

    private static func identifiers(in line: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in line {
            if isWordCharacter(character) {
                current.append(character)
            } else {
                if let first = current.first, !first.isNumber { result.append(current) }
                current = ""
            }
        }
        if let first = current.first, !first.isNumber { result.append(current) }
        return result
    }

    private static func replaceWord(_ old: String, with new: String, in line: String) -> String {
        var result = ""
        var current = ""
        for character in line {
            if isWordCharacter(character) {
                current.append(character)
            } else {
                result += current == old ? new : current
                current = ""
                result.append(character)
            }
        }
        return result + (current == old ? new : current)
    }
}
