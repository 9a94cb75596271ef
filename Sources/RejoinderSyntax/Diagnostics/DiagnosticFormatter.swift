/// Prints diagnostics in the one format of LANGUAGE.md §6:
///
/// ```
/// Knowledge/debate.rj:41:27: error: expected ',' or '}' after attribute value, found 'year'
///   evidence sobyanin { actor: russia year: 2020 }.
///                                     ^~~~
///   help: separate attributes with ','
/// ```
public struct DiagnosticFormatter: Sendable {
    /// Colours for the severity word when printing to a terminal.
    public var usesColor: Bool

    public init(usesColor: Bool = false) {
        self.usesColor = usesColor
    }

    /// The diagnostic and its notes, each line ending in a newline.
    public func format(_ diagnostic: Diagnostic) -> String {
        var output = ""
        append(diagnostic, to: &output)
        for note in diagnostic.notes {
            append(note, to: &output)
        }
        return output
    }

    public func format(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(format).joined()
    }

    private func append(_ diagnostic: Diagnostic, to output: inout String) {
        let span = diagnostic.span
        output += "\(span.description): \(severityWord(diagnostic.severity)): \(DisplayWidth.escapingControls(diagnostic.message))\n"
        let file = span.file
        let lineStart = file.lineStart(containing: span.range.start)
        let lineEnd = lineStart + file.lineText(containing: span.range.start).count
        let excerpt = Self.excerpt(of: file.bytes, line: lineStart..<lineEnd, around: min(max(lineStart, span.range.start), lineEnd))
        // Everything before the token, measured in display columns, so that
        // the caret sits under it even after accents, CJK or tabs.
        let tokenStart = min(max(excerpt.bytes.lowerBound, span.range.start), excerpt.bytes.upperBound)
        let caretColumn = excerpt.lead.count + DisplayWidth.of(file.bytes[excerpt.bytes.lowerBound..<tokenStart])
        let tokenEnd = min(max(span.range.end, tokenStart), excerpt.bytes.upperBound)
        let tokenWidth = max(1, DisplayWidth.of(file.bytes[tokenStart..<tokenEnd]))
        output += "  " + excerpt.lead + DisplayWidth.expandingTabs(file.bytes[excerpt.bytes]) + excerpt.trail + "\n"
        output += "  " + String(repeating: " ", count: caretColumn) + "^" + String(repeating: "~", count: tokenWidth - 1) + "\n"
        if let help = diagnostic.help {
            output += "  help: \(help)\n"
        }
    }

    /// Source lines longer than this many bytes are cut to a window around
    /// the error, so that a one-megabyte line prints as one screen line.
    static let excerptWidth = 120

    /// The part of a line to print around `offset`, with '…' where it was cut.
    private static func excerpt(of bytes: [UInt8], line: Range<Int>, around offset: Int) -> (bytes: Range<Int>, lead: String, trail: String) {
        guard line.count > excerptWidth else { return (line, "", "") }
        var start = max(line.lowerBound, min(offset - excerptWidth / 3, line.upperBound - excerptWidth))
        var end = min(line.upperBound, start + excerptWidth)
        // Never cut inside a UTF-8 sequence.
        while start > line.lowerBound && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        while end < line.upperBound && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return (start..<end, start > line.lowerBound ? "…" : "", end < line.upperBound ? "…" : "")
    }

    private func severityWord(_ severity: Diagnostic.Severity) -> String {
        guard usesColor else { return severity.rawValue }
        switch severity {
        case .error: return "\u{1B}[1;31merror\u{1B}[0m"
        case .warning: return "\u{1B}[1;33mwarning\u{1B}[0m"
        case .note: return "\u{1B}[1;36mnote\u{1B}[0m"
        }
    }
}
