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
                    run(SourceFile(name: "<prompt>", text: entry))
                }
            }
        }
        finish()
    }

    /// The banner: what is loaded, and where to find help.
    public var banner: String {
        let statistics = knowledgeBase.statistics
        let sources = knowledgeBase.sources
        let sourceText = sources.isEmpty ? "no sources" : "\(sources.count) source\(sources.count == 1 ? "" : "s") (\(sources.joined(separator: ", ")))"
        return """
        Rejoinder — \(sourceText), \(statistics.entities) entities, \(statistics.facts) facts, \(statistics.rules) rules.
        Type :help for commands and query forms; :quit or Ctrl-D leaves.

        """
    }
}
