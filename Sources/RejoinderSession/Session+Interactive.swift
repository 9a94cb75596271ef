import Foundation
import RejoinderSyntax

extension Session {
    /// The prompt: reads entries from `reader` until `:quit` or the end of
    /// the input, runs each, and keeps each in the history (the editor's
    /// and, when given, the history file). An error never ends the loop.
    public func runInteractively(reader: LineReader, history: HistoryFile?) {
        var collector = EntryCollector()
        var open: OpenConstruct?
        while !wantsToQuit {
            let prompt = open.map(Prompt.continuation) ?? Prompt.main
            switch reader.readLine(prompt: prompt) {
            case .endOfInput:
                finish()
                return
            case .interrupted:
                collector.clear()
                open = nil
            case .line(let line):
                if collector.isEmpty, Self.leaveWords.contains(line.trimmingCharacters(in: .whitespaces)) {
                    requestQuit()
                    continue
                }
                switch collector.add(line) {
                case .blank:
                    open = nil
                case .incomplete(let construct):
                    open = construct
                case .complete(let entry):
                    open = nil
                    let trimmed = entry.trimmingTrailingNewlines()
                    reader.remember(trimmed)
                    do {
                        try history?.append(trimmed)
                    } catch {
                        reportNotice("history: \(error.message)")
                    }
                    if Self.looksLikeLeaving(trimmed) {
                        reportNotice("use :quit or Ctrl-D to leave")
                        continue
                    }
                    run(SourceFile(name: "<prompt>", text: entry))
                }
            }
        }
        finish()
    }

    /// What people type to leave other prompts (psql, sqlite3, python, a
    /// shell): alone on a line, they leave this one too.
    static let leaveWords: Set<String> = ["quit", "exit", "\\q", ".quit", ".exit", ".q", "bye"]

    /// `halt.` (SWI-Prolog), `quit.`, `exit.` and `exit halt.` are
    /// statements too: at the prompt they are someone trying to leave, so
    /// they are not run (an entity of kind `exit` is no one's intent).
    static func looksLikeLeaving(_ entry: String) -> Bool {
        let words = entry.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "." || $0 == "(" || $0 == ")" })
        guard let first = words.first, ["halt", "quit", "exit"].contains(first), entry.hasSuffix(".") else { return false }
        return words.count <= 2
    }

    /// The banner: what is loaded, and where to find help.
    public var banner: String {
        let statistics = knowledgeBase.statistics
        let sources = knowledgeBase.sources
        let sourceText = sources.isEmpty ? "no sources" : "\(sources.count) source\(sources.count == 1 ? "" : "s") (\(sources.joined(separator: ", ")))"
        return """
        Rejoinder — \(sourceText), \(statistics.entities) entities, \(statistics.facts) facts, \(statistics.rules) rules.
        Type :tour for a first look, :help for commands and query forms; :quit or Ctrl-D leaves.

        """
    }
}
