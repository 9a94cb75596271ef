import RejoinderEngine
@testable import RejoinderRendering
import Testing

@Suite struct RenderingTests {
    let everySource = Answer(
        columns: ["S", "Y"],
        perspective: .everySource(["asan", "wong"]),
        rows: [
            .init(values: [.symbol("criticism"), .integer(2020)], holdsIn: [false, true]),
            .init(values: [.symbol("policy_difference"), .integer(2020)], holdsIn: [true, true]),
        ])
    let contrast = Answer(
        columns: ["S"],
        perspective: .contrast(["asan", "wong"]),
        rows: [
            .init(values: [.symbol("criticism")], holdsIn: [false, true]),
            .init(values: [.symbol("maneuver")], holdsIn: [true, false]),
        ])
    let values = Answer(
        columns: ["name", "gdp", "ratio", "years"],
        perspective: .commonGround,
        rows: [
            .init(values: [.symbol("Ka Ho Wong, \"quoted\""), .integer(17_734_062_645_371), .double(9.95123), .range(2013, 2016)], holdsIn: []),
            .init(values: [.symbol("中国"), .integer(-12), .double(0.036512), .range(2020, 2020)], holdsIn: []),
        ])

    private func render(_ answer: Answer, _ format: OutputFormat, _ style: TableStyle = .plain) -> String {
        AnswerRenderer(format: format, style: style).render(answer)
    }

    @Test func asciiTable() {
        #expect(render(everySource, .table, TableStyle(showsNotes: true)) == """
        +-------------------+------+--------------+
        | S                 | Y    | according to |
        +-------------------+------+--------------+
        | criticism         | 2020 | wong         |
        | policy_difference | 2020 | all          |
        +-------------------+------+--------------+
        (2 rows)
        asan and wong disagree on 1 row; use contrast to compare them

        """)
    }

    /// `:x`: a field a line under a rule per row, nothing shortened even
    /// when the terminal is narrow.
    @Test func expandedTable() {
        #expect(render(everySource, .table, TableStyle(maximumWidth: 20, expanded: true)) == """
        -[ row 1 ]-----
        S            | criticism
        Y            | 2020
        according to | wong
        -[ row 2 ]-----
        S            | policy_difference
        Y            | 2020
        according to | all
        (2 rows)

        """)
    }

    /// Off a terminal, a table is the table alone.
    @Test func notesAreForATerminal() {
        #expect(!render(everySource, .table).contains("disagree"))
        #expect(render(everySource, .table).hasSuffix("(2 rows)\n"))
    }

    @Test func unicodeTableWithContrastMarks() {
        #expect(render(contrast, .table, TableStyle(unicode: true)) == """
        ┌───────────┬──────┬──────┐
        │ S         │ asan │ wong │
        ├───────────┼──────┼──────┤
        │ criticism │ ·    │ ✓    │
        │ maneuver  │ ✓    │ ·    │
        └───────────┴──────┴──────┘
        (2 rows)

        """)
        #expect(render(contrast, .table).contains("| criticism | no   | yes  |"))
    }

    @Test func numbersAreReadableAndAlignedRightAndWideCharactersMeasured() {
        #expect(render(values, .table) == """
        +----------------------+--------------------+---------+------------+
        | name                 | gdp                | ratio   | years      |
        +----------------------+--------------------+---------+------------+
        | Ka Ho Wong, "quoted" | 17,734,062,645,371 |  9.9512 | 2013..2016 |
        | 中国                 |                -12 | 0.03651 | 2020..2020 |
        +----------------------+--------------------+---------+------------+
        (2 rows)

        """)
    }

    @Test func narrowTerminalsShortenCells() {
        let table = render(values, .table, TableStyle(maximumWidth: 50))
        for line in table.split(separator: "\n") {
            #expect(line.count <= 50, "\(line)")
        }
        #expect(table.contains("…"))
    }

    @Test func closedAnswers() {
        let yes = Answer(columns: [], perspective: .single("wong"), rows: [.init(values: [], holdsIn: [])])
        let no = Answer(columns: [], perspective: .commonGround, rows: [])
        let some = Answer(columns: [], perspective: .everySource(["asan", "wong"]), rows: [.init(values: [], holdsIn: [false, true])])
        #expect(render(yes, .table) == "yes\n")
        #expect(render(no, .table) == "no\n")
        #expect(render(some, .table) == "yes (according to wong)\n")
        #expect(render(yes, .json) == "true\n")
        #expect(render(no, .json) == "false\n")
        #expect(render(some, .json) == "[{\"according to\":[\"wong\"]}]\n")
        #expect(render(no, .csv) == "no\r\n")
    }

    @Test func csvQuotesPerRFC4180() {
        #expect(render(values, .csv) == "name,gdp,ratio,years\r\n\"Ka Ho Wong, \"\"quoted\"\"\",17734062645371,9.95123,2013..2016\r\n中国,-12,0.036512,2020..2020\r\n")
        #expect(render(everySource, .csv) == "S,Y,according to\r\ncriticism,2020,wong\r\npolicy_difference,2020,asan wong\r\n")
    }

    @Test func tsv() {
        #expect(render(contrast, .tsv) == "S\tasan\twong\r\ncriticism\tno\tyes\r\nmaneuver\tyes\tno\r\n")
    }

    @Test func jsonKeepsExactValues() {
        #expect(render(values, .json) == #"[{"name":"Ka Ho Wong, \"quoted\"","gdp":17734062645371,"ratio":9.95123,"years":{"from":2013,"to":2016}},{"name":"中国","gdp":-12,"ratio":0.036512,"years":{"from":2020,"to":2020}}]"# + "\n")
        #expect(render(contrast, .json) == #"[{"S":"criticism","asan":false,"wong":true},{"S":"maneuver","asan":true,"wong":false}]"# + "\n")
        #expect(render(everySource, .json) == #"[{"S":"criticism","Y":2020,"according to":["wong"]},{"S":"policy_difference","Y":2020,"according to":["asan","wong"]}]"# + "\n")
    }

    @Test func markdown() {
        #expect(render(contrast, .markdown) == "| S | asan | wong |\n|---|---|---|\n| criticism | · | ✓ |\n| maneuver | ✓ | · |\n")
        let pipe = Answer(columns: ["x"], perspective: .commonGround, rows: [.init(values: [.symbol("a|b")], holdsIn: [])])
        #expect(render(pipe, .markdown) == "| x |\n|---|\n| a\\|b |\n")
    }

    @Test(arguments: [
        (Datum.integer(2020), "2020"), (.integer(10_000), "10,000"), (.integer(-1_234_567), "-1,234,567"),
        (.double(9.95123), "9.9512"), (.double(0.0365123), "0.03651"), (.double(1.5), "1.5"), (.double(-0.25), "-0.25"),
        (.double(12_345.678_91), "12,345.6789"), (.double(3.2e26), "3.2e+26"), (.double(0.000012345), "0.00001235"),
    ])
    func readableNumbers(datum: Datum, text: String) {
        #expect(NumberFormatting.readable(datum) == text)
    }
}
