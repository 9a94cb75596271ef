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

/// Reads a framework file line by line, over its bytes (a competition
/// file has millions of lines; building a `String` per line and walking its
/// characters took longer than solving), collecting located diagnostics.
private struct LineReader {
    let file: SourceFile
    let bytes: [UInt8]
    var diagnostics: [Diagnostic] = []

    init(file: SourceFile) {
        self.file = file
        bytes = file.bytes
    }

    /// Each line with text, as the range of that text without the blanks
    /// around it, unless it starts with `comment`.
    func lines(comment: UInt8) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let text = trimmed(start..<end)
            if !text.isEmpty && bytes[text.lowerBound] != comment { result.append(text) }
            start = end + 1
        }
        return result
    }

    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && Self.isBlank(bytes[lower]) { lower += 1 }
        while upper > lower && Self.isBlank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    mutating func problem(_ message: String, at start: Int, length: Int, help: String? = nil) {
        diagnostics.append(.error(message, at: SourceSpan(file: file, range: SourceRange(start: start, end: start + max(1, length))), help: help))
    }

    mutating func apx() throws(DiagnosticError) -> FrameworkFile {
        var names: [String] = []
        var index: [String: Int] = [:]
        // Attacks by name, with where each is written, resolved at the end:
        // an attack may come before the arg/1 lines it names.
        var attacks: [(attacker: String, target: String, line: Range<Int>)] = []
        // `%` starts a comment, as in the Prolog the format comes from.
        for line in lines(comment: UInt8(ascii: "%")) {
            if let name = call(line, "arg", arity: 1)?.first {
                if index[name] == nil {
                    index[name] = names.count
                    names.append(name)
                }
            } else if let pair = call(line, "att", arity: 2) {
                attacks.append((pair[0], pair[1], line))
            } else {
                problem("expected 'arg(NAME).' or 'att(NAME, NAME).', found '\(text(line).prefix(40))'", at: line.lowerBound, length: line.count,
                        help: "an apx file declares each argument with arg/1 and each attack with att/2")
            }
        }
        var resolved: [(attacker: Int, target: Int)] = []
        resolved.reserveCapacity(attacks.count)
        for attack in attacks {
            guard let attacker = index[attack.attacker], let target = index[attack.target] else {
                let unknown = index[attack.attacker] == nil ? attack.attacker : attack.target
                problem("the attack names '\(unknown)', which no arg/1 declares", at: attack.line.lowerBound, length: attack.line.count)
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
        for line in lines(comment: UInt8(ascii: "#")) {
            let words = self.words(line)
            guard let total = count else {
                if words.count == 3, text(words[0]) == "p", text(words[1]) == "af", let number = self.number(words[2]) {
                    count = number
                } else {
                    problem("expected the header 'p af N' first, found '\(text(line).prefix(40))'", at: line.lowerBound, length: line.count,
                            help: "an i23 file starts with 'p af' and the number of arguments")
                    throw DiagnosticError(diagnostics)
                }
                continue
            }
            guard words.count == 2, let attacker = number(words[0]), let target = number(words[1]) else {
                problem("expected an attack 'i j' (two argument numbers), found '\(text(line).prefix(40))'", at: line.lowerBound, length: line.count)
                continue
            }
            guard (1...max(1, total)).contains(attacker) && (1...max(1, total)).contains(target) && total > 0 else {
                problem("argument \((1...max(1, total)).contains(attacker) ? target : attacker) is out of range: the header says \(total) arguments",
                        at: line.lowerBound, length: line.count)
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

    /// The blank-separated words of a line.
    func words(_ line: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = line.lowerBound
        while start < line.upperBound {
            while start < line.upperBound && Self.isBlank(bytes[start]) { start += 1 }
            var end = start
            while end < line.upperBound && !Self.isBlank(bytes[end]) { end += 1 }
            if end > start { result.append(start..<end) }
            start = end
        }
        return result
    }

    /// A decimal number written with digits only, not too large.
    func number(_ word: Range<Int>) -> Int? {
        guard !word.isEmpty, word.count <= 18 else { return nil }
        var value = 0
        for byte in bytes[word] {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// The arguments of `name(a, b).` when the line is exactly that, each a
    /// name of letters, digits and underscores.
    func call(_ line: Range<Int>, _ name: StaticString, arity: Int) -> [String]? {
        let prefix = name.utf8Start
        let length = name.utf8CodeUnitCount
        guard line.count > length + 3, bytes[line.lowerBound + length] == UInt8(ascii: "("),
              bytes[line.upperBound - 2] == UInt8(ascii: ")"), bytes[line.upperBound - 1] == UInt8(ascii: ".") else { return nil }
        for offset in 0..<length where bytes[line.lowerBound + offset] != prefix[offset] { return nil }
        var parts: [String] = []
        var start = line.lowerBound + length + 1
        let end = line.upperBound - 2
        while parts.count < arity {
            var comma = start
            while comma < end && bytes[comma] != UInt8(ascii: ",") { comma += 1 }
            let part = trimmed(start..<comma)
            guard !part.isEmpty, let word = self.name(part) else { return nil }
            parts.append(word)
            start = comma + 1
            if comma == end { break }
        }
        // Exactly `arity` parts, the last one running to the parenthesis.
        guard parts.count == arity, start == end + 1 else { return nil }
        return parts
    }

    /// The name spelt by `range` when it is letters, digits and
    /// underscores only (any script's letters; ASCII is checked byte by byte).
    func name(_ range: Range<Int>) -> String? {
        var ascii = true
        for byte in bytes[range] {
            if byte >= 0x80 {
                ascii = false
            } else if !(byte == UInt8(ascii: "_") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                        || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))) {
                return nil
            }
        }
        let word = text(range)
        guard ascii || word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return word
    }
}
