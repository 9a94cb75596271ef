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

    /// Grades a folder of submissions laid out as `FOLDER/STUDENT/EXERCISE.rj`:
    /// one row per submission with its result and, when wrong, the reason.
    public func grade(folder: String) throws(FileReadError) -> Answer {
        let fileManager = FileManager.default
        guard let students = try? fileManager.contentsOfDirectory(atPath: folder) else {
            throw FileReadError(path: folder, reason: "no such folder")
        }
        let exercises = Dictionary(uniqueKeysWithValues: self.exercises.map { ($0.id, $0) })
        var rows: [Answer.Row] = []
        for student in students.sorted() where !student.hasPrefix(".") {
            var isFolder: ObjCBool = false
            let studentFolder = folder + "/" + student
            guard fileManager.fileExists(atPath: studentFolder, isDirectory: &isFolder), isFolder.boolValue else { continue }
            let names = ((try? fileManager.contentsOfDirectory(atPath: studentFolder)) ?? []).filter { $0.hasSuffix(".rj") }.sorted()
            for name in names {
                let id = String(name.dropLast(3))
                let result: String, reason: String
                if let exercise = exercises[id] {
                    let verdict: ExerciseVerdict
                    if let data = fileManager.contents(atPath: studentFolder + "/" + name) {
                        verdict = checkSubmission(SourceFile(name: studentFolder + "/" + name, bytes: Array(data)), for: exercise)
                    } else {
                        verdict = ExerciseVerdict(outcome: .invalid, message: "the file cannot be read")
                    }
                    result = verdict.outcome.rawValue
                    reason = verdict.isCorrect ? "" : verdict.message.split(separator: "\n").first.map(String.init) ?? ""
                } else {
                    result = "unknown exercise"
                    reason = "no exercise has this id"
                }
                rows.append(Answer.Row(values: [.symbol(student), .symbol(id), .symbol(result), .symbol(reason)], holdsIn: []))
            }
        }
        return Answer(columns: ["student", "exercise", "result", "reason"], perspective: .commonGround, rows: rows)
    }
}
