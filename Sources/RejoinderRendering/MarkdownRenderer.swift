import RejoinderEngine

/// A GitHub table, for pasting into course notes.
struct MarkdownRenderer {
    func render(_ answer: Answer) -> String {
        if answer.isClosed, answer.perspective.isSingleView {
            return answer.rows.isEmpty ? "no\n" : "yes\n"
        }
        let grid = AnswerGrid(answer)
        var output = line(grid.headers)
        output += "|" + grid.headers.map { _ in "---|" }.joined() + "\n"
        for row in grid.rows {
            output += line(row.map { cell in
                switch cell {
                case .value(let datum): return NumberFormatting.readable(datum)
                case .sources(let sources): return sources.map { $0.joined(separator: ", ") } ?? "all"
                case .holds(let holds): return holds ? "✓" : "·"
                }
            })
        }
        return output
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
