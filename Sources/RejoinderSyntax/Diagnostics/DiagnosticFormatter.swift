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
        output += "\(span.description): \(severityWord(diagnostic.severity)): \(diagnostic.message)\n"
        let file = span.file
        let lineStart = file.lineStart(containing: span.range.start)
        let line = file.lineText(containing: span.range.start)
        let lineEnd = lineStart + line.count
        // Everything before the token, measured in display columns, so that
        // the caret sits under it even after accents, CJK or tabs.
        let prefix = file.bytes[lineStart..<min(max(lineStart, span.range.start), lineEnd)]
        let caretColumn = DisplayWidth.of(prefix)
        let tokenEnd = min(max(span.range.end, span.range.start), lineEnd)
        let tokenWidth = span.range.start < lineEnd
            ? max(1, DisplayWidth.of(file.bytes[span.range.start..<tokenEnd]))
            : 1
        output += "  " + DisplayWidth.expandingTabs(line) + "\n"
        output += "  " + String(repeating: " ", count: caretColumn) + "^" + String(repeating: "~", count: tokenWidth - 1) + "\n"
        if let help = diagnostic.help {
            output += "  help: \(help)\n"
        }
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
