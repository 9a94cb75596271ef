import Foundation
import RejoinderEngine
import RejoinderSyntax

extension Session {
    /// Checks a saved answer: the script's last query, with the facts and
    /// rules the script defines.
    public func checkSubmission(_ file: SourceFile, for exercise: Exercise) -> ExerciseVerdict {
        let tree = Parser.parse(file)
        guard !tree.hasErrors else {
            let formatted = DiagnosticFormatter().format(tree.diagnostics)
            let first = formatted.split(separator: "\n").first.map(String.init) ?? ""
            return ExerciseVerdict(outcome: .invalid, message: "the script does not parse: \(first)\n" + formatted)
        }
        let queries = tree.statements.compactMap { statement -> Query? in
            if case .query(let query) = statement { return query }
            return nil
        }
        guard let query = queries.last else {
            return ExerciseVerdict(outcome: .invalid, message: "the script asks no query")
        }
        let definitions = tree.statements.filter { if case .definition = $0 { return true } else { return false } }
        return check(exercise, query: query, in: file, definitions: definitions.isEmpty ? [] : [SyntaxTree(file: file, statements: definitions)])
    }

    /// Longest reason in a grade report, in characters.
    static let reportCellLimit = 300

    /// Grades a folder of submissions laid out as `FOLDER/STUDENT/EXERCISE.rj`:
    /// one row per submission with its result and, when wrong, the reason.
    ///
    /// Submissions are untrusted: a link that leads out of the folder is not
    /// followed (its row says so), reasons are cut to a few hundred
    /// characters, and a cell a spreadsheet would read as a formula (`=`,
    /// `+`, `-`, `@` first) is prefixed with `'`.
    public func grade(folder: String) throws(FileReadError) -> Answer {
        let fileManager = FileManager.default
        guard let students = try? fileManager.contentsOfDirectory(atPath: folder) else {
            throw FileReadError(path: folder, reason: "no such folder")
        }
        let root = Self.realPath(folder) ?? folder
        func inside(_ path: String) -> Bool {
            guard let real = Self.realPath(path) else { return false }
            return real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/")
        }
        let exercises = Dictionary(uniqueKeysWithValues: self.exercises.map { ($0.id, $0) })
        var rows: [Answer.Row] = []
        func add(_ student: String, _ id: String, _ result: String, _ reason: String) {
            let cells = [student, id, result, Self.cut(reason)].map(Self.neutralised)
            rows.append(Answer.Row(values: cells.map { .symbol($0) }, holdsIn: []))
        }
        for student in students.sorted() where !student.hasPrefix(".") {
            var isFolder: ObjCBool = false
            let studentFolder = folder + "/" + student
            guard fileManager.fileExists(atPath: studentFolder, isDirectory: &isFolder), isFolder.boolValue else { continue }
            guard inside(studentFolder) else {
                add(student, "", "invalid", "the folder is a link that leads outside the submissions folder; it was not read")
                continue
            }
            let names = ((try? fileManager.contentsOfDirectory(atPath: studentFolder)) ?? []).filter { $0.hasSuffix(".rj") }.sorted()
            for name in names {
                let id = String(name.dropLast(3))
                let path = studentFolder + "/" + name
                guard let exercise = exercises[id] else {
                    add(student, id, "unknown exercise", "no exercise has this id")
                    continue
                }
                let verdict: ExerciseVerdict
                if !inside(path) {
                    verdict = ExerciseVerdict(outcome: .invalid, message: "the file is a link that leads outside the submissions folder; it was not read")
                } else if let data = fileManager.contents(atPath: path) {
                    verdict = checkSubmission(SourceFile(name: path, bytes: Array(data)), for: exercise)
                } else {
                    verdict = ExerciseVerdict(outcome: .invalid, message: "the file cannot be read")
                }
                add(student, id, verdict.outcome.rawValue, verdict.isCorrect ? "" : verdict.message.split(separator: "\n").first.map(String.init) ?? "")
            }
        }
        return Answer(columns: ["student", "exercise", "result", "reason"], perspective: .commonGround, rows: rows)
    }

    /// The path with every link resolved, if it exists.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func cut(_ text: String) -> String {
        text.count <= reportCellLimit ? text : String(text.prefix(reportCellLimit - 1)) + "…"
    }

    /// A cell that does not start like a spreadsheet formula.
    static func neutralised(_ text: String) -> String {
        guard let first = text.first, "=+-@\t\r".contains(first) else { return text }
        return "'" + text
    }
}
