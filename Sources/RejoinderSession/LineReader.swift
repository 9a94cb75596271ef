/// What reading one line at the prompt gives.
public enum LineInput: Equatable, Sendable {
    case line(String)
    /// Ctrl-C: forget the entry being typed.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input.
    case endOfInput
}

/// A source of prompt lines: the terminal's line editor, or a script of
/// lines in tests.
public protocol LineReader: AnyObject {
    /// Shows `prompt` and reads one line (without its line break).
    func readLine(prompt: String) -> LineInput
    /// Adds an accepted entry to the editor's history, to recall it with ↑.
    func remember(_ entry: String)
}
