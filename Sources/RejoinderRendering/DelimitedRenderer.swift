import RejoinderEngine

/// CSV and TSV with RFC 4180 quoting: a field holding the separator, a
/// quote or a line break is quoted, with quotes doubled. Numbers are exact,
/// and the `according to` column lists every source by name.
struct DelimitedRenderer {
    let separator: String

    func render(_ answer: Answer) -> String {
        if answer.isClosed, answer.perspective.isSingleView {
            return answer.rows.isEmpty ? "no\r\n" : "yes\r\n"
        }
        let grid = AnswerGrid(answer)
        var output = line(grid.headers)
        for row in grid.rows {
            output += line(row.map { cell in
                switch cell {
                case .value(let datum): return datum.plainText
                case .sources(let sources): return (sources ?? answer.perspective.sources).joined(separator: " ")
                case .holds(let holds): return holds ? "yes" : "no"
                }
            })
        }
        return output
    }

    private func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: separator) + "\r\n"
    }

    private func quoted(_ field: String) -> String {
        guard field.contains(separator) || field.contains("\"") || field.contains("\n") || field.contains("\r") else { return field }
        var result = "\""
        for character in field {
            if character == "\"" { result += "\"\"" } else { result.append(character) }
        }
        return result + "\""
    }
}
