import RejoinderSyntax

/// Gathers the lines typed at the prompt into entries: a meta-command line,
/// or statement text the parser finds complete. Until then it says what is
/// still open, for the continuation prompt.
public struct EntryCollector: Sendable {
    /// The text of the entry so far.
    public private(set) var text = ""

    public init() {}

    public var isEmpty: Bool { text.isEmpty }

    /// What adding a line leads to.
    public enum Outcome: Equatable, Sendable {
        /// A whole entry: run it (and keep it in the history).
        case complete(String)
        /// Nothing to run: the lines so far are blank or comments.
        case blank
        /// More lines are needed; the construct still open.
        case incomplete(OpenConstruct)
    }

    /// Adds a line (or several, when a recalled entry comes back whole).
    public mutating func add(_ line: String) -> Outcome {
        text += line.hasSuffix("\n") ? line : line + "\n"
        let file = SourceFile(name: "<prompt>", text: text)
        if !ScriptReader.hasContent(file, SourceRange(start: 0, end: file.bytes.count)) && !isCommand {
            text = ""
            return .blank
        }
        if !isCommand, let open = Parser.parse(file).openConstruct {
            return .incomplete(open)
        }
        let entry = text
        text = ""
        return .complete(entry)
    }

    /// Forgets the lines collected so far (Ctrl-C at the prompt).
    public mutating func clear() {
        text = ""
    }

    /// A first line starting with ':' (but not ':-') is a meta-command.
    private var isCommand: Bool {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        return trimmed.hasPrefix(":") && !trimmed.hasPrefix(":-")
    }
}

/// The prompts: the main one, and continuation prompts of the same width
/// that say what is open, as psql's PROMPT2 does.
public enum Prompt {
    public static let main = "rejoinder> "

    public static func continuation(_ open: OpenConstruct) -> String {
        switch open {
        case .bracket(let bracket): return "     \(bracket)...> "
        case .string: return "     \"...> "
        case .statement: return "      ...> "
        }
    }
}
