/// A relation's documentation, written in a knowledge file as `##` lines:
///
///     ## meets(Actor, Standard, Year)
///     ## In a view, the evidence toward the actor's partner shows the
///     ## standard that year and none counts against it.
///
/// The first line names the relation and its arguments; the others say
/// what it means. A block need not sit next to the rules it documents, so
/// that a relation stated by plain facts is documented too.
public struct RelationDocumentation: Sendable, Equatable {
    public let name: String
    /// The argument names of the first line, in order.
    public let arguments: [String]
    /// The meaning: the other lines joined into one paragraph.
    public let text: String
    /// Where the block is, for `:help` and for the warning about a block
    /// that names no relation.
    public let span: SourceSpan

    /// The paragraphs (`¶23`, `¶33–¶34` gives 33) and notes (`note 15`) the
    /// text cites, for a fact of the relation that names no citable entity.
    public var paragraphs: [String] { text.matches(of: /¶(\d+)/).map { String($0.output.1) } }
    public var notes: [String] { text.matches(of: /note (\d+)/).map { String($0.output.1) } }

    /// `meets(Actor, Standard, Year)`.
    public var signature: String { arguments.isEmpty ? name : "\(name)(\(arguments.joined(separator: ", ")))" }

    /// Every block in `range` of `file` whose first line is a relation
    /// and its arguments; a `##` block that is not (a heading, a note) is
    /// an ordinary comment.
    public static func blocks(in file: SourceFile, range: SourceRange) -> [RelationDocumentation] {
        var blocks: [RelationDocumentation] = []
        var lines: [(text: String, start: Int, end: Int)] = []
        func close() {
            defer { lines = [] }
            guard let first = lines.first, let (name, arguments) = signature(first.text) else { return }
            let text = lines.dropFirst().map(\.text).joined(separator: " ").trimmingBlanks
            blocks.append(RelationDocumentation(name: name, arguments: arguments, text: text,
                                                span: SourceSpan(file: file, range: SourceRange(start: first.start, end: lines.last!.end))))
        }
        file.bytes.withUnsafeBufferPointer { bytes in
            // Line ends are found with memchr: a file of a million facts
            // has no documentation to look at on most of its lines.
            let inRange = UnsafeBufferPointer(rebasing: bytes[..<range.end])
            var lineStart = range.start
            while lineStart < range.end {
                let lineEnd = ByteSearch.first(UInt8(ascii: "\n"), in: inRange, from: lineStart) ?? range.end
                var first = lineStart
                while first < lineEnd && (bytes[first] == UInt8(ascii: " ") || bytes[first] == UInt8(ascii: "\t")) { first += 1 }
                if lineEnd - first >= 2 && bytes[first] == UInt8(ascii: "#") && bytes[first + 1] == UInt8(ascii: "#") {
                    let text = String(decoding: bytes[(first + 2)..<lineEnd], as: UTF8.self).trimmingBlanks
                    lines.append((text, first, lineEnd))
                } else if !lines.isEmpty {
                    close()
                }
                lineStart = lineEnd + 1
            }
        }
        close()
        return blocks
    }

    /// `name(Arg, …)` or `name` alone: a NAME and VARIABLE-like words.
    private static func signature(_ line: String) -> (String, [String])? {
        let isName = { (word: Substring) -> Bool in
            guard let first = word.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
            return word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        }
        guard let open = line.firstIndex(of: "(") else { return isName(Substring(line)) ? (line, []) : nil }
        let name = line[..<open]
        guard isName(name), line.hasSuffix(")") else { return nil }
        let arguments = line[line.index(after: open)..<line.index(before: line.endIndex)].split(separator: ",").map { $0.trimmingBlanks }
        guard arguments.allSatisfy({ argument in
            guard let first = argument.unicodeScalars.first, ("A"..."Z").contains(first) || first == "_" else { return false }
            return argument.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        }) else { return nil }
        return (String(name), arguments)
    }
}

private extension StringProtocol {
    /// The text without the spaces, tabs and carriage returns at either end,
    /// found in its UTF-8 bytes: every documentation line is trimmed at
    /// start-up, and walking Characters backwards costs a copy of each.
    var trimmingBlanks: String {
        let bytes = Array(utf8)
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") }
        var start = 0, end = bytes.count
        while start < end && isBlank(bytes[start]) { start += 1 }
        while end > start && isBlank(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
