import RejoinderEngine

/// One JSON value per answer: an array of row objects keyed by column
/// name, or `true`/`false` for a closed query in one view. Integers stay
/// integers, `contrast` columns are booleans, `according to` is a list of
/// source names, a range is `{"from": a, "to": b}`.
public struct JSONRenderer {
    func render<Sink: AnswerSink>(_ answer: Answer, into sink: inout Sink) throws(Sink.Failure) {
        if answer.isClosed, answer.perspective.isSingleView {
            return try sink.write(answer.rows.isEmpty ? "false" : "true")
        }
        let grid = AnswerGrid(answer)
        let keys = grid.headers.map { JSONRenderer.string($0) + ":" }
        try sink.write("[")
        for (index, row) in grid.rows.enumerated() {
            try sink.write((index == 0 ? "{" : ",{") + zip(keys, row).map { key, cell in
                key + value(cell, sources: answer.perspective.sources)
            }.joined(separator: ",") + "}")
        }
        try sink.write("]")
    }

    private func value(_ cell: AnswerGrid.Cell, sources all: [String]) -> String {
        switch cell {
        case .value(let datum): return JSONRenderer.value(datum)
        case .sources(let sources): return "[" + (sources ?? all).map(JSONRenderer.string).joined(separator: ",") + "]"
        case .holds(let holds): return holds ? "true" : "false"
        }
    }

    static func value(_ datum: Datum) -> String {
        switch datum {
        case .integer(let value): return String(value)
        case .double(let value): return "\(value)"
        case .symbol(let text): return string(text)
        case .range(let lower, let upper): return "{\"from\":\(lower),\"to\":\(upper)}"
        }
    }

    /// `text` as a JSON string, quoted and escaped.
    public static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
