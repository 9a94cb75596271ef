import RejoinderEngine

/// CSV and TSV with RFC 4180 quoting: a field holding the separator, a
/// quote or a line break is quoted, with quotes doubled. Numbers are exact,
/// and the `according to` column lists every source by name.
struct DelimitedRenderer {
    let separator: String

    func render<Sink: AnswerSink>(_ answer: Answer, into sink: inout Sink) throws(Sink.Failure) {
        if answer.isClosed, answer.perspective.isSingleView {
            return try sink.write(answer.rows.isEmpty ? "no\r\n" : "yes\r\n")
        }
        let grid = AnswerGrid(answer)
        try sink.write(line(grid.headers))
        for row in grid.rows {
            try sink.write(line(row.map { cell in
                switch cell {
                case .value(let datum): return datum.plainText
                case .sources(let sources): return (sources ?? answer.perspective.sources).joined(separator: " ")
                case .holds(let holds): return holds ? "yes" : "no"
                }
            }))
        }
    }

    private func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: separator) + "\r\n"
    }

    private func quoted(_ field: String) -> String {
        // One pass over the bytes: the separator is one ASCII character.
        let separator = separator.utf8.first!
        guard field.utf8.contains(where: { $0 == separator || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else {
            return field
        }
        var result = "\""
        for character in field {
            if character == "\"" { result += "\"\"" } else { result.append(character) }
        }
        return result + "\""
    }
}
