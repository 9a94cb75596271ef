/// One message about the input: an error, a warning, or a note attached to
/// either, always pointing at a range of a source file.
public struct Diagnostic: Sendable, Error {
    /// How serious a diagnostic is. Only errors stop a file from loading.
    public enum Severity: String, Sendable {
        case error, warning, note
    }

    public let severity: Severity
    public let span: SourceSpan
    /// Lowercase, no trailing period, tokens quoted with `'…'`.
    public let message: String
    /// A suggestion printed as `help: …` under the caret.
    public let help: String?
    /// Related places, such as the opening bracket of an unclosed list.
    public let notes: [Diagnostic]

    public init(_ severity: Severity, _ message: String, at span: SourceSpan, help: String? = nil, notes: [Diagnostic] = []) {
        self.severity = severity
        self.span = span
        self.message = message
        self.help = help
        self.notes = notes
    }

    public static func error(_ message: String, at span: SourceSpan, help: String? = nil, notes: [Diagnostic] = []) -> Diagnostic {
        Diagnostic(.error, message, at: span, help: help, notes: notes)
    }

    public static func warning(_ message: String, at span: SourceSpan, help: String? = nil, notes: [Diagnostic] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: span, help: help, notes: notes)
    }

    public static func note(_ message: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic(.note, message, at: span)
    }

    public var isError: Bool { severity == .error }
}

/// A failure that carries every diagnostic found, as thrown by loading,
/// analysis and evaluation.
public struct DiagnosticError: Error, Sendable {
    public let diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public init(_ diagnostic: Diagnostic) {
        self.diagnostics = [diagnostic]
    }
}
