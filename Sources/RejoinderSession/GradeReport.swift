import RejoinderEngine
import RejoinderRendering

/// What grading a class folder found, ready to print in the formats a
/// teacher hands on: a row per file, per exercise not handed in, per stray
/// file; points per exercise.
public struct GradeReport: Sendable {
    public enum Result: String, Sendable {
        case correct, incorrect
        case spelledOut = "spelled out"
        case invalid, missing
        case unknownExercise = "unknown exercise"
        case stray = "stray file"

        init(_ outcome: ExerciseVerdict.Outcome) {
            switch outcome {
            case .correct: self = .correct
            case .incorrect: self = .incorrect
            case .spelledOut: self = .spelledOut
            case .invalid: self = .invalid
            }
        }
    }

    public struct Row: Sendable, Equatable {
        public let student: String
        /// The exercise, or for a file that answers none the name it has.
        public let exercise: String
        /// The file inside the student's folder; empty for a missing one.
        public let file: String
        public let result: Result
        public let points: Double
        /// What the exercise is worth; 0 for a row that is no answer.
        public let maximum: Double
        /// Why, in the teacher's words.
        public let reason: String

        static func stray(student: String, file: String, reason: String) -> Row {
            Row(student: student, exercise: "", file: file, result: .stray, points: 0, maximum: 0, reason: reason)
        }

        func cut(to limit: Int) -> Row {
            guard reason.count > limit else { return self }
            return Row(student: student, exercise: exercise, file: file, result: result, points: points, maximum: maximum,
                       reason: String(reason.prefix(limit - 1)) + "…")
        }
    }

    public enum Format: String, CaseIterable, Sendable {
        case csv, json, markdown, gradescope, gradebook
    }

    public let students: [String]
    /// The exercises every student was expected to hand in, in course order.
    public let exercises: [Exercise]
    public let rows: [Row]
    public let elapsed: Duration

    /// Each student's points: an exercise counts once, at its best file.
    public func points(of student: String) -> [String: Double] {
        var best: [String: Double] = [:]
        for row in rows where row.student == student && row.maximum > 0 {
            best[row.exercise] = max(best[row.exercise] ?? 0, row.points)
        }
        return best
    }

    public var possiblePoints: Double { exercises.map(\.points).reduce(0, +) }

    /// One line for standard error: what was graded and how it went.
    public var summary: String {
        let files = rows.filter { !$0.file.isEmpty && $0.result != .stray }.count
        let counts = [Result.correct, .incorrect, .spelledOut, .invalid, .unknownExercise, .missing, .stray].compactMap { result -> String? in
            let count = rows.filter { $0.result == result }.count
            return count == 0 ? nil : "\(count) \(result.rawValue)" + (count > 1 && result == .stray ? "s" : "")
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return "graded \(students.count) student\(students.count == 1 ? "" : "s"), \(files) file\(files == 1 ? "" : "s") in \(Datum.shortest((seconds * 10).rounded() / 10)) s: "
            + (counts.isEmpty ? "nothing to grade" : counts.joined(separator: ", "))
    }

    /// Thrown for a format that cannot hold the report (gradescope for a
    /// whole class).
    public struct FormatError: Error, Sendable {
        public let message: String
    }

    public func render(_ format: Format) throws(FormatError) -> String {
        switch format {
        case .csv: return csv
        case .json: return json
        case .markdown: return markdown
        case .gradescope: return try gradescope()
        case .gradebook: return gradebook
        }
    }

    // MARK: Formats

    private var csv: String {
        Self.csv(["student", "exercise", "file", "result", "points", "max_points", "reason"], rows.map { row in
            [row.student, row.exercise, row.file, row.result.rawValue, Self.number(row.points), Self.number(row.maximum), row.reason]
        })
    }

    private var json: String {
        "[" + rows.map { row in
            "{\"student\":\(JSONRenderer.string(row.student)),\"exercise\":\(JSONRenderer.string(row.exercise)),"
                + "\"file\":\(JSONRenderer.string(row.file)),\"result\":\(JSONRenderer.string(row.result.rawValue)),"
                + "\"points\":\(Self.number(row.points)),\"max_points\":\(Self.number(row.maximum)),\"reason\":\(JSONRenderer.string(row.reason))}"
        }.joined(separator: ",") + "]\n"
    }

    /// A section per student, to mail: the total, then a table of the files.
    private var markdown: String {
        students.map { student in
            let total = points(of: student).values.reduce(0, +)
            var text = "## \(Self.markdownCell(student)): \(Self.number(total)) of \(Self.number(possiblePoints)) points\n\n"
            text += "| exercise | file | result | points | reason |\n|---|---|---|---|---|\n"
            for row in rows where row.student == student {
                text += "| " + [row.exercise, row.file, row.result.rawValue, "\(Self.number(row.points))/\(Self.number(row.maximum))", row.reason]
                    .map(Self.markdownCell).joined(separator: " | ") + " |\n"
            }
            return text
        }.joined(separator: "\n")
    }

    /// Gradescope's `results.json` for one student's submission: the
    /// overall score and a test per exercise.
    private func gradescope() throws(FormatError) -> String {
        guard students.count == 1, let student = students.first else {
            throw FormatError(message: "the gradescope format is for one student's submission, and the folder holds \(students.count); give the folder of one student's scripts (in Gradescope's autograder, /autograder/submission)")
        }
        let tests = rows.filter { $0.student == student }.map { row in
            let name = row.exercise.isEmpty ? row.file : row.exercise + (row.file.isEmpty || row.file == row.exercise + ".rj" ? "" : " (\(row.file))")
            return "{\"name\":\(JSONRenderer.string(name)),\"score\":\(Self.number(row.points)),\"max_score\":\(Self.number(row.maximum)),"
                + "\"output\":\(JSONRenderer.string(row.result.rawValue + (row.reason.isEmpty ? "" : ": " + row.reason))),\"visibility\":\"visible\"}"
        }
        let total = points(of: student).values.reduce(0, +)
        return "{\"score\":\(Self.number(total)),\"output\":\(JSONRenderer.string(summary)),\"stdout_visibility\":\"hidden\",\"tests\":["
            + tests.joined(separator: ",") + "]}\n"
    }

    /// A row per student, a column per exercise and a total, to import into
    /// an LMS grade book. The columns before the points are those Canvas
    /// reads to match a student (Student, ID, SIS Login ID, Section); the
    /// folder name, which is what an LMS download names a student's folder
    /// by, fills the name and the login. Moodle maps any column to a user
    /// field, so the same file serves it.
    private var gradebook: String {
        Self.csv(["Student", "ID", "SIS Login ID", "Section"] + exercises.map(\.id) + ["Total"], students.map { student in
            let points = points(of: student)
            return [student, "", student, ""] + exercises.map { Self.number(points[$0.id] ?? 0) } + [Self.number(points.values.reduce(0, +))]
        })
    }

    // MARK: Cells

    /// CSV as answers print it, every cell neutralised.
    private static func csv(_ columns: [String], _ cells: [[String]]) -> String {
        let rows = cells.map { Answer.Row(values: $0.map { .symbol(neutralised($0)) }, holdsIn: []) }
        return AnswerRenderer(format: .csv).render(Answer(columns: columns, perspective: .commonGround, rows: rows))
    }

    private static func number(_ value: Double) -> String { Datum.shortest(value) }

    /// A cell that does not start like a spreadsheet formula.
    static func neutralised(_ text: String) -> String {
        guard let first = text.first, "=+-@\t\r".contains(first) else { return text }
        return "'" + text
    }

    private static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
