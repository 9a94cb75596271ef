import RejoinderEngine
import RejoinderSyntax

/// Where a rendering goes, piece by piece (a header, a row, a footer), so
/// that a long answer is written as it is rendered, never held whole, and
/// whoever prints it can stop it between two rows by throwing.
public protocol AnswerSink {
    associatedtype Failure: Error
    mutating func write(_ text: String) throws(Failure)
    /// Called for each row a rendering goes over without writing (a table
    /// measures its columns first), so that this pass can be stopped too.
    mutating func checkpoint() throws(Failure)
}

/// Collects a rendering into one string.
public struct TextCollector: AnswerSink {
    public typealias Failure = Never
    public private(set) var text = ""

    public init() {}

    public mutating func write(_ text: String) { self.text += text }
    public mutating func checkpoint() {}
}

/// Turns answers into text in each output format. Every rendering ends
/// with a newline.
public struct AnswerRenderer: Sendable {
    public var format: OutputFormat
    public var style: TableStyle

    public init(format: OutputFormat, style: TableStyle = .plain) {
        self.format = format
        self.style = style
    }

    /// A query printed before its answer (`--echo`): as written, or in the
    /// json format a JSON string, so that every line stays a JSON value.
    public func echo(_ statement: String) -> String {
        (format == .json ? JSONRenderer.string(statement) : statement) + "\n"
    }

    public func render(_ answer: Answer) -> String {
        var collector = TextCollector()
        render(answer, into: &collector)
        return collector.text
    }

    public func render<Sink: AnswerSink>(_ answer: Answer, into sink: inout Sink) throws(Sink.Failure) {
        switch format {
        case .table: try TableRenderer(style: style).render(answer, into: &sink)
        case .csv: try DelimitedRenderer(separator: ",").render(answer, into: &sink)
        case .tsv: try DelimitedRenderer(separator: "\t").render(answer, into: &sink)
        case .json:
            try JSONRenderer().render(answer, into: &sink)
            try sink.write("\n")
        case .markdown: try MarkdownRenderer().render(answer, into: &sink)
        }
    }
}

/// The columns and cells an answer shows, shared by the formats: the
/// query's variables, then `according to` (no suffix) or one column per
/// source (`contrast`). Cells are made a row at a time, when asked.
struct AnswerGrid {
    enum Cell {
        case value(Datum)
        /// The sources whose view yields the row; nil means all of them.
        case sources([String]?)
        case holds(Bool)
    }

    let answer: Answer
    let headers: [String]

    init(_ answer: Answer) {
        self.answer = answer
        var headers = answer.columns
        switch answer.perspective {
        case .everySource: headers.append("according to")
        case .contrast(let sources): headers += sources
        case .commonGround, .single: break
        }
        self.headers = headers
    }

    var isEmpty: Bool { answer.rows.isEmpty }

    /// The cells of each row, in order.
    var rows: some Sequence<[Cell]> {
        answer.rows.lazy.map { row in
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
