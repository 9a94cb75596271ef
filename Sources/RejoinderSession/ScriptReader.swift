import RejoinderSyntax

/// A piece of a script: a meta-command line, or text holding statements.
enum ScriptUnit: Equatable {
    /// A line whose first non-blank character is ':' at a statement
    /// boundary: the text after the colon, and the range of the whole line.
    case command(String, SourceRange)
    case statements(SourceRange)
}

/// Splits a script into meta-command lines and statement text.
///
/// A line starting with ':' is a meta-command only between statements: in
/// `head\n  :- body.` the second line continues the rule. The parser decides,
/// by saying whether the text before the line is complete.
enum ScriptReader {
    static func units(of file: SourceFile) -> [ScriptUnit] {
        file.bytes.withUnsafeBufferPointer { bytes in
            var units: [ScriptUnit] = []
            var segmentStart = 0
            var lineStart = 0
            while lineStart < bytes.count {
                let lineEnd = ByteSearch.first(UInt8(ascii: "\n"), in: bytes, from: lineStart) ?? bytes.count
                var first = lineStart
                while first < lineEnd && (bytes[first] == UInt8(ascii: " ") || bytes[first] == UInt8(ascii: "\t")) { first += 1 }
                let isCommand = first < lineEnd && bytes[first] == UInt8(ascii: ":")
                    && (first + 1 >= lineEnd || bytes[first + 1] != UInt8(ascii: "-"))
                if isCommand && isComplete(file, SourceRange(start: segmentStart, end: lineStart)) {
                    if hasContent(file, SourceRange(start: segmentStart, end: lineStart)) {
                        units.append(.statements(SourceRange(start: segmentStart, end: lineStart)))
                    }
                    var textEnd = lineEnd
                    if textEnd > first && bytes[textEnd - 1] == UInt8(ascii: "\r") { textEnd -= 1 }
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[(first + 1)..<textEnd]), as: UTF8.self)
                    units.append(.command(text, SourceRange(start: first, end: textEnd)))
                    segmentStart = min(bytes.count, lineEnd + 1)
                }
                lineStart = lineEnd + 1
            }
            if hasContent(file, SourceRange(start: segmentStart, end: bytes.count)) {
                units.append(.statements(SourceRange(start: segmentStart, end: bytes.count)))
            }
            return units
        }
    }

    /// The statement trees and the meta-command lines of a file.
    static func parse(_ file: SourceFile) -> (trees: [SyntaxTree], commands: [(String, SourceSpan)]) {
        var trees: [SyntaxTree] = []
        var commands: [(String, SourceSpan)] = []
        for unit in units(of: file) {
            switch unit {
            case .command(let text, let range): commands.append((text, SourceSpan(file: file, range: range)))
            case .statements(let range): trees.append(Parser.parse(file, range: range))
            }
        }
        return (trees, commands)
    }

    /// Whether the text holds anything but blanks and comments (a scan of
    /// bytes, so that a large file costs nothing to check).
    static func hasContent(_ file: SourceFile, _ range: SourceRange) -> Bool {
        let bytes = file.bytes
        var index = range.start
        while index < range.end {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0C:
                index += 1
            case UInt8(ascii: "#"):
                while index < range.end && bytes[index] != UInt8(ascii: "\n") { index += 1 }
            default:
                return true
            }
        }
        return false
    }

    private static func isComplete(_ file: SourceFile, _ range: SourceRange) -> Bool {
        guard hasContent(file, range) else { return true }
        return !Parser.parse(file, range: range).isIncomplete
    }
}
