import RejoinderSyntax

/// An argumentation framework read from one of the two formats of the
/// International Competition on Computational Models of Argumentation:
/// ASPARTIX's `apx` (`arg(a).`, `att(a,b).`, `%` comments) and the numbered `i23`
/// (`p af N`, then one `i j` attack a line, `#` comments).
public struct FrameworkFile: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        case apx, i23
    }

    public let graph: AttackGraph
    /// The arguments' names, by number: apx names, or "1", "2", … for i23.
    public let names: [String]

    public init(graph: AttackGraph, names: [String]) {
        self.graph = graph
        self.names = names
    }

    /// Reads `file` in `format`, or throws every problem, located.
    public static func read(_ file: SourceFile, format: Format) throws(DiagnosticError) -> FrameworkFile {
        var reader = LineReader(file: file)
        switch format {
        case .apx: return try reader.apx()
        case .i23: return try reader.i23()
        }
    }
}

/// Reads a framework file line by line, collecting located diagnostics.
private struct LineReader {
    let file: SourceFile
    var diagnostics: [Diagnostic] = []

    init(file: SourceFile) {
        self.file = file
    }

    /// Each line's text and the offset where it starts.
    var lines: [(text: Substring, start: Int)] {
        var result: [(Substring, Int)] = []
        var offset = 0
        for line in file.text(SourceRange(start: 0, end: file.bytes.count)).split(separator: "\n", omittingEmptySubsequences: false) {
            result.append((line, offset))
            offset += line.utf8.count + 1
        }
        return result
    }

    mutating func problem(_ message: String, at start: Int, length: Int, help: String? = nil) {
        diagnostics.append(.error(message, at: SourceSpan(file: file, range: SourceRange(start: start, end: start + max(1, length))), help: help))
    }

    mutating func apx() throws(DiagnosticError) -> FrameworkFile {
        var names: [String] = []
        var index: [String: Int] = [:]
        // Attacks by name, with where each is written, resolved at the end:
        // an attack may come before the arg/1 lines it names.
        var attacks: [(attacker: String, target: String, start: Int, length: Int)] = []
        for (line, start) in lines {
            let text = line.trimmingCharacters(in: " \t\r")
            // `%` starts a comment, as in the Prolog the format comes from.
            guard !text.isEmpty, !text.hasPrefix("%") else { continue }
            let column = start + line.utf8.count - line.drop { $0 == " " || $0 == "\t" }.utf8.count
            if let name = Self.call(text, "arg", arity: 1)?.first {
                if index[name] == nil {
                    index[name] = names.count
                    names.append(name)
                }
            } else if let pair = Self.call(text, "att", arity: 2) {
                attacks.append((pair[0], pair[1], column, text.utf8.count))
            } else {
                problem("expected 'arg(NAME).' or 'att(NAME, NAME).', found '\(text.prefix(40))'", at: column, length: text.utf8.count,
                        help: "an apx file declares each argument with arg/1 and each attack with att/2")
            }
        }
        var resolved: [(attacker: Int, target: Int)] = []
        for attack in attacks {
            guard let attacker = index[attack.attacker], let target = index[attack.target] else {
                let unknown = index[attack.attacker] == nil ? attack.attacker : attack.target
                problem("the attack names '\(unknown)', which no arg/1 declares", at: attack.start, length: attack.length)
                continue
            }
            resolved.append((attacker, target))
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics.sorted { $0.span.range.start < $1.span.range.start }) }
        return FrameworkFile(graph: AttackGraph(count: names.count, attacks: resolved), names: names)
    }

    mutating func i23() throws(DiagnosticError) -> FrameworkFile {
        var count: Int?
        var attacks: [(attacker: Int, target: Int)] = []
        for (line, start) in lines {
            let text = line.trimmingCharacters(in: " \t\r")
            guard !text.isEmpty, !text.hasPrefix("#") else { continue }
            let column = start + line.utf8.count - line.drop { $0 == " " || $0 == "\t" }.utf8.count
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let total = count else {
                if words.count == 3, words[0] == "p", words[1] == "af", let number = Int(words[2]), number >= 0 {
                    count = number
                } else {
                    problem("expected the header 'p af N' first, found '\(text.prefix(40))'", at: column, length: text.utf8.count,
                            help: "an i23 file starts with 'p af' and the number of arguments")
                    throw DiagnosticError(diagnostics)
                }
                continue
            }
            guard words.count == 2, let attacker = Int(words[0]), let target = Int(words[1]) else {
                problem("expected an attack 'i j' (two argument numbers), found '\(text.prefix(40))'", at: column, length: text.utf8.count)
                continue
            }
            guard (1...max(1, total)).contains(attacker) && (1...max(1, total)).contains(target) && total > 0 else {
                problem("argument \((1...max(1, total)).contains(attacker) ? target : attacker) is out of range: the header says \(total) arguments",
                        at: column, length: text.utf8.count)
                continue
            }
            attacks.append((attacker - 1, target - 1))
        }
        guard let total = count else {
            problem("expected the header 'p af N', found an empty file", at: 0, length: 0)
            throw DiagnosticError(diagnostics)
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        return FrameworkFile(graph: AttackGraph(count: total, attacks: attacks), names: (1...max(1, total)).prefix(total).map(String.init))
    }

    /// The arguments of `name(a, b).` when the text is exactly that.
    static func call(_ text: String, _ name: String, arity: Int) -> [String]? {
        guard text.hasPrefix(name + "("), text.hasSuffix(")."), text.count > name.count + 3 else { return nil }
        let inner = text.dropFirst(name.count + 1).dropLast(2)
        let parts = inner.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: " \t") }
        guard parts.count == arity, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }) else { return nil }
        return parts
    }
}

private extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
