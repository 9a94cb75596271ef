import RejoinderEngine
import RejoinderSyntax

/// Turns answers into text in each output format. Every rendering ends
/// with a newline.
public struct AnswerRenderer: Sendable {
    public var format: OutputFormat
    public var style: TableStyle

    public init(format: OutputFormat, style: TableStyle = .plain) {
        self.format = format
        self.style = style
    }

    public func render(_ answer: Answer) -> String {
        switch format {
        case .table: return TableRenderer(style: style).render(answer)
        case .csv: return DelimitedRenderer(separator: ",").render(answer)
        case .tsv: return DelimitedRenderer(separator: "\t").render(answer)
        case .json: return JSONRenderer().render(answer) + "\n"
        case .markdown: return MarkdownRenderer().render(answer)
        }
    }
}

/// The columns and cells an answer shows, shared by the formats: the
/// query's variables, then `according to` (no suffix) or one column per
/// source (`contrast`).
struct AnswerGrid {
    enum Cell {
        case value(Datum)
        /// The sources whose view yields the row; nil means all of them.
        case sources([String]?)
        case holds(Bool)
    }

    let headers: [String]
    let rows: [[Cell]]

    init(_ answer: Answer) {
        var headers = answer.columns
        switch answer.perspective {
        case .everySource: headers.append("according to")
        case .contrast(let sources): headers += sources
        case .commonGround, .single: break
        }
        self.headers = headers
        rows = answer.rows.map { row in
            var cells = row.values.map(Cell.value)
            switch answer.perspective {
            case .everySource: cells.append(.sources(answer.sources(of: row)))
            case .contrast: cells += row.holdsIn.map(Cell.holds)
            case .commonGround, .single: break
            }
            return cells
        }
    }
}
