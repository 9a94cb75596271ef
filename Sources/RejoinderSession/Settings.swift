import RejoinderRendering

/// The settings a session's meta-commands change.
public struct Settings: Sendable {
    public var format: OutputFormat
    public var style: TableStyle
    /// Print parse and evaluation times after each answer (`:timing on`).
    public var timing: Bool
    /// Stop a script at its first error (`--bail`, `:bail on`).
    public var bail: Bool
    /// Colour the severity of diagnostics.
    public var colorDiagnostics: Bool
    /// Levels of a `why` tree shown before deeper ones are folded (`:depth`).
    public var explanationDepth = 8
    /// Print each query before its answer (`--echo`, `:echo on`).
    public var echo = false
    /// Send an answer taller than the terminal through the session's pager,
    /// when it has one (`:pager off` turns it off).
    public var pager = true

    public init(format: OutputFormat = .table, style: TableStyle = .plain, timing: Bool = false, bail: Bool = false, colorDiagnostics: Bool = false) {
        self.format = format
        self.style = style
        self.timing = timing
        self.bail = bail
        self.colorDiagnostics = colorDiagnostics
    }
}

/// Where a session writes: answers to one place, diagnostics and notices to
/// another (standard output and standard error for the command line).
public struct SessionOutput: Sendable {
    public var answer: @Sendable (String) -> Void
    public var error: @Sendable (String) -> Void

    public init(answer: @escaping @Sendable (String) -> Void, error: @escaping @Sendable (String) -> Void) {
        self.answer = answer
        self.error = error
    }
}
