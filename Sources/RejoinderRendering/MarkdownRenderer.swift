import RejoinderEngine

/// A GitHub table, for pasting into course notes.
struct MarkdownRenderer {
    func render<Sink: AnswerSink>(_ answer: Answer, into sink: inout Sink) throws(Sink.Failure) {
        if answer.isClosed, answer.perspective.isSingleView {
            return try sink.write((answer.rows.isEmpty ? "no\n" : "yes\n") + notes(answer))
        }
        let grid = AnswerGrid(answer)
        try sink.write(line(grid.headers) + "|" + grid.headers.map { _ in "---|" }.joined() + "\n")
        for row in grid.rows {
            try sink.write(line(row.map { cell in
                switch cell {
                case .value(let datum): return NumberFormatting.readable(datum)
                case .sources(let sources): return sources.map { $0.joined(separator: ", ") } ?? "all"
                case .holds(let holds): return holds ? "✓" : "·"
                }
            }))
        }
        try sink.write(notes(answer))
    }

    /// The answer's notes, as a quoted paragraph under the table.
    private func notes(_ answer: Answer) -> String {
        answer.notes.isEmpty ? "" : "\n" + answer.notes.map { "> note: \($0)\n" }.joined()
    }

    private func line(_ cells: [String]) -> String {
        "| " + cells.map(escaped).joined(separator: " | ") + " |\n"
    }

    private func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "|": result += "\\|"
            case "\n": result += "<br>"
            default: result.append(character)
            }
        }
        return result
    }
}
