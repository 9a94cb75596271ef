import RejoinderEngine
import RejoinderSyntax

/// The terminal table: aligned columns under a header, numbers on the right,
/// the row count underneath (as psql prints it).
struct TableRenderer {
    let style: TableStyle

    /// Measures every row first, for the column widths, then writes the
    /// table a row at a time: each cell's text is made twice rather than
    /// kept, so a long answer is never held as text.
    func render<Sink: AnswerSink>(_ answer: Answer, into sink: inout Sink) throws(Sink.Failure) {
        if answer.isClosed, let text = closedAnswer(answer) { return try sink.write(text + "\n" + notes(answer)) }
        let grid = AnswerGrid(answer)
        if style.expanded { return try renderExpanded(grid, into: &sink) }
        var rightAligned = grid.headers.map { _ in false }
        var widths = grid.headers.map(DisplayWidth.of)
        for (index, row) in grid.rows.enumerated() {
            try sink.checkpoint()
            if index == 0 { rightAligned = row.map(isNumber) }
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], DisplayWidth.of(text(cell))) }
        }
        widths = fitted(widths)
        let box = style.unicode ? Box.unicode : Box.ascii
        try sink.write(box.rule(widths, .top)
            + box.row(grid.headers.enumerated().map { column, header in pad(bold(header, width: widths[column]), widths[column], right: false) })
            + box.rule(widths, .middle))
        for row in grid.rows {
            try sink.write(box.row(row.enumerated().map { column, cell in
                pad(shortened(text(cell), widths[column]), widths[column], right: rightAligned[column])
            }))
        }
        var footer = box.rule(widths, .bottom)
        footer += dim("(\(answer.rows.count) row\(answer.rows.count == 1 ? "" : "s"))") + "\n"
        if style.showsNotes, case .everySource(let sources) = answer.perspective, answer.disagreements > 0 {
            footer += dim(Self.disagreementNote(sources: sources, rows: answer.disagreements)) + "\n"
        }
        try sink.write(footer + notes(answer))
    }

    /// The answer's own notes, shown in every table: they change what the
    /// rows mean (unlike the hints of `showsNotes`).
    private func notes(_ answer: Answer) -> String {
        answer.notes.map { "note: \($0)\n" }.joined()
    }

    /// A field per line: `header | value`, headers padded to the widest.
    private func renderExpanded<Sink: AnswerSink>(_ grid: AnswerGrid, into sink: inout Sink) throws(Sink.Failure) {
        let width = grid.headers.map(DisplayWidth.of).max() ?? 0
        let bar = style.unicode ? "│" : "|"
        var count = 0
        for row in grid.rows {
            count += 1
            var text = dim("-[ row \(count) ]" + String(repeating: "-", count: max(3, width + 3 - 9 - String(count).count)))  + "\n"
            for (header, cell) in zip(grid.headers, row) {
                text += pad(bold(header, width: width), width, right: false) + " \(bar) " + self.text(cell) + "\n"
            }
            try sink.write(text)
        }
        try sink.write(dim("(\(count) row\(count == 1 ? "" : "s"))") + "\n" + notes(grid.answer))
    }

    /// `asan and wong disagree on 1 row; use contrast to compare them`.
    static func disagreementNote(sources: [String], rows: Int) -> String {
        let names = sources.count <= 2
            ? sources.joined(separator: " and ")
            : sources.dropLast().joined(separator: ", ") + " and " + sources.last!
        return "\(names) disagree on \(rows) row\(rows == 1 ? "" : "s"); use contrast to compare them"
    }

    /// `yes` / `no`, with the sources when the query had no suffix.
    private func closedAnswer(_ answer: Answer) -> String? {
        switch answer.perspective {
        case .commonGround, .single:
            return answer.rows.isEmpty ? "no" : "yes"
        case .everySource:
            guard let row = answer.rows.first else { return "no" }
            let sources = answer.sources(of: row).map { $0.joined(separator: ", ") } ?? "all"
            return "yes (according to \(sources))"
        case .contrast:
            return nil
        }
    }

    /// A cell as shown, control characters escaped.
    private func text(_ cell: AnswerGrid.Cell) -> String {
        switch cell {
        case .value(let datum): return DisplayWidth.escapingControls(NumberFormatting.readable(datum))
        case .sources(let sources): return DisplayWidth.escapingControls(sources.map { $0.joined(separator: ", ") } ?? "all")
        case .holds(let holds): return style.unicode ? (holds ? "✓" : "·") : (holds ? "yes" : "no")
        }
    }

    private func isNumber(_ cell: AnswerGrid.Cell) -> Bool {
        if case .value(.integer) = cell { return true }
        if case .value(.double) = cell { return true }
        return false
    }

    /// Shrinks the widest columns until the table fits the terminal.
    private func fitted(_ widths: [Int]) -> [Int] {
        guard let maximum = style.maximumWidth else { return widths }
        var widths = widths
        let frame = 3 * widths.count + 1
        while widths.reduce(0, +) + frame > maximum, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 8 {
            widths[widest] -= 1
        }
        return widths
    }

    private func shortened(_ text: String, _ width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = DisplayWidth.of(String(character))
            if used + characterWidth > width - 1 { break }
            result.append(character)
            used += characterWidth
        }
        return result + "…"
    }

    private func pad(_ text: String, _ width: Int, right: Bool) -> String {
        let padding = String(repeating: " ", count: max(0, width - DisplayWidth.of(text.withoutEscapes)))
        return right ? padding + text : text + padding
    }

    private func bold(_ text: String, width: Int) -> String {
        let text = shortened(text, width)
        return style.color ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    private func dim(_ text: String) -> String {
        style.color ? "\u{1B}[2m\(text)\u{1B}[0m" : text
    }
}

/// The lines of a table frame.
private struct Box {
    enum Position { case top, middle, bottom }

    let horizontal: String
    let vertical: String
    let corners: [Position: (String, String, String)]

    static let unicode = Box(horizontal: "─", vertical: "│",
                             corners: [.top: ("┌", "┬", "┐"), .middle: ("├", "┼", "┤"), .bottom: ("└", "┴", "┘")])
    static let ascii = Box(horizontal: "-", vertical: "|",
                           corners: [.top: ("+", "+", "+"), .middle: ("+", "+", "+"), .bottom: ("+", "+", "+")])

    func rule(_ widths: [Int], _ position: Position) -> String {
        let (left, join, right) = corners[position]!
        return left + widths.map { String(repeating: horizontal, count: $0 + 2) }.joined(separator: join) + right + "\n"
    }

    func row(_ cells: [String]) -> String {
        vertical + cells.map { " \($0) " }.joined(separator: vertical) + vertical + "\n"
    }
}

extension String {
    /// The text without ANSI colour escapes, to measure its width.
    var withoutEscapes: String {
        guard contains("\u{1B}") else { return self }
        var result = ""
        var inEscape = false
        for scalar in unicodeScalars {
            if scalar == "\u{1B}" { inEscape = true; continue }
            if inEscape {
                if scalar == "m" { inEscape = false }
                continue
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}
