import Foundation
import RejoinderEngine
import RejoinderSyntax
import Synchronization

/// Grades a class folder: every student's scripts, checked against the
/// exercises on all cores, with a row for each file, each exercise a
/// student did not hand in, and each file that is not an answer.
///
/// Layouts: `FOLDER/STUDENT/…/EXERCISE.rj`, where the scripts may sit in
/// folders of their own inside the student's (as LMS downloads nest them),
/// or `FOLDER/EXERCISE.rj` for one student's submission (Gradescope's
/// `/autograder/submission`), the student being the folder's name. A file
/// is matched to an exercise by its name, case ignored; a near miss
/// (`ex8.rj`) is reported with the id it probably means.
///
/// Submissions are untrusted: a link that leads out of the folder is not
/// followed (its row says so), each check has the session's limits (its
/// time limit covers all its variants), reasons are cut to a few hundred
/// characters, and no graded script reads or writes a file outside its own
/// folder (`Session.checkSubmission`).
public struct Grader: Sendable {
    /// How many submissions are checked at once, each worker with a
    /// session of its own.
    public var workers: Int
    /// The exercises every student is expected to hand in; nil means the
    /// ones that anyone handed in.
    public var expected: [String]?
    /// Makes a session over the knowledge to grade against, one per worker.
    let newSession: @Sendable () -> Session?

    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount, expected: [String]? = nil,
                newSession: @escaping @Sendable () -> Session?) {
        self.workers = max(1, workers)
        self.expected = expected
        self.newSession = newSession
    }

    /// Longest reason in a grade report, in characters.
    static let reasonLimit = 300
    /// How deep scripts are looked for inside a student's folder.
    static let searchDepth = 6

    public func grade(folder: String) throws(FileReadError) -> GradeReport {
        let clock = ContinuousClock()
        let start = clock.now
        guard let session = newSession() else { throw FileReadError(path: folder, reason: "the knowledge base did not load") }
        let exercises = session.exercises
        var scan = try Scan(folder: folder, exercises: exercises)
        if let expected {
            let known = Set(exercises.map(\.id))
            for id in expected where !known.contains(id) {
                let nearest = nearestName(to: id, among: Array(known))
                throw FileReadError(path: folder, reason: "no exercise is called '\(id)'" + (nearest.map { "; did you mean '\($0)'?" } ?? ""))
            }
        }
        let verdicts = check(scan.submissions, first: session)
        let expectedIDs = expected ?? exercises.map(\.id).filter { id in scan.submissions.contains { $0.exercise.id == id } }
        let expectedExercises = exercises.filter { expectedIDs.contains($0.id) }
        var rows = scan.rows
        for (submission, verdict) in zip(scan.submissions, verdicts) {
            rows.append(GradeReport.Row(student: submission.student, exercise: submission.exercise.id, file: submission.file,
                                        result: GradeReport.Result(verdict.outcome), points: verdict.isCorrect ? submission.exercise.points : 0,
                                        maximum: submission.exercise.points,
                                        reason: verdict.isCorrect ? "the same answer as the reference, here and on every variant of the knowledge base"
                                            : verdict.message.split(separator: "\n").first.map(String.init) ?? ""))
        }
        for student in scan.students {
            for exercise in expectedExercises where !rows.contains(where: { $0.student == student && $0.exercise == exercise.id }) {
                rows.append(GradeReport.Row(student: student, exercise: exercise.id, file: "", result: .missing, points: 0, maximum: exercise.points,
                                            reason: "nothing handed in (expected \(exercise.id).rj)"))
            }
        }
        rows = rows.map { $0.cut(to: Self.reasonLimit) }
        rows.sort { ($0.student, $0.exercise, $0.file) < ($1.student, $1.exercise, $1.file) }
        scan.students.sort()
        return GradeReport(students: scan.students, exercises: expectedExercises, rows: rows, elapsed: clock.now - start)
    }

    /// The verdicts on `submissions`, in order, from `workers` sessions
    /// working through them together (`first` is the first worker's).
    private func check(_ submissions: [Submission], first: sending Session) -> [ExerciseVerdict] {
        guard !submissions.isEmpty else { return [] }
        let next = Atomic<Int>(0)
        let verdicts = Mutex([ExerciseVerdict?](repeating: nil, count: submissions.count))
        let firstSession = Mutex<Session?>(first)
        let newSession = self.newSession
        DispatchQueue.concurrentPerform(iterations: min(workers, submissions.count)) { _ in
            // Each session is made and used on one thread only.
            guard let session = firstSession.withLock({ $0.take() }) ?? newSession() else { return }
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < submissions.count else { return }
                let verdict = submissions[index].check(with: session)
                verdicts.withLock { $0[index] = verdict }
            }
        }
        return verdicts.withLock { $0 }.map { $0 ?? ExerciseVerdict(outcome: .invalid, message: "the knowledge base did not load for this check") }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isInside(_ real: String, _ root: String) -> Bool {
        real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}

/// One script to check: whose, for which exercise, where.
struct Submission: Sendable {
    let student: String
    let exercise: Exercise
    /// The path inside the graded folder, for the report.
    let file: String
    let path: String

    func check(with session: Session) -> ExerciseVerdict {
        guard let data = FileManager.default.contents(atPath: path) else {
            return ExerciseVerdict(outcome: .invalid, message: "the file cannot be read")
        }
        let verdict = session.checkSubmission(SourceFile(name: path, bytes: Array(data)), for: exercise)
        // The report names the file as it is inside the graded folder.
        return ExerciseVerdict(outcome: verdict.outcome, message: verdict.message.replacingOccurrences(of: path, with: file))
    }
}

/// What a walk over the graded folder finds: the students, the scripts
/// to check, and the rows that need no check (links out, stray files,
/// names that match no exercise).
private struct Scan {
    var students: [String] = []
    var submissions: [Submission] = []
    var rows: [GradeReport.Row] = []
    let root: String
    let exercises: [Exercise]

    init(folder: String, exercises: [Exercise]) throws(FileReadError) {
        self.exercises = exercises
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: folder) else {
            throw FileReadError(path: folder, reason: "no such folder")
        }
        root = Grader.realPath(folder) ?? folder
        let visible = names.filter { !Self.isIgnored($0) }.sorted()
        let folders = visible.filter { Self.isFolder(folder + "/" + $0) }
        if folders.isEmpty {
            // One student's submission.
            let student = AtomicFile.baseName(of: root)
            students = [student]
            walk(folder, student: student, shown: "", depth: 0)
            return
        }
        for name in visible where !folders.contains(name) {
            rows.append(.stray(student: "", file: name, reason: "a file outside any student's folder; it was not graded"))
        }
        for student in folders {
            students.append(student)
            let path = folder + "/" + student
            guard isInside(path) else {
                rows.append(GradeReport.Row(student: student, exercise: "", file: "", result: .invalid, points: 0, maximum: 0,
                                            reason: "the folder is a link that leads outside the submissions folder; it was not read"))
                continue
            }
            walk(path, student: student, shown: "", depth: 0)
        }
    }

    private mutating func walk(_ folder: String, student: String, shown: String, depth: Int) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !Self.isIgnored($0) }.sorted()
        for name in names {
            let path = folder + "/" + name
            let file = shown.isEmpty ? name : shown + "/" + name
            if Self.isFolder(path) {
                if depth < Grader.searchDepth && isInside(path) { walk(path, student: student, shown: file, depth: depth + 1) }
                continue
            }
            guard name.lowercased().hasSuffix(".rj") else {
                rows.append(.stray(student: student, file: file, reason: "not a script (.rj); it was not graded"))
                continue
            }
            let id = String(name.dropLast(3))
            guard let exercise = exercises.first(where: { $0.id.lowercased() == id.lowercased() }) else {
                // A near miss is a misnamed answer; anything else is a file
                // of the student's own (a helper a script loads, say).
                if let guess = Self.guess(id, among: exercises.map(\.id)) {
                    rows.append(GradeReport.Row(student: student, exercise: id, file: file, result: .unknownExercise, points: 0, maximum: 0,
                                                reason: "no exercise is called '\(id)'; did you mean '\(guess)'? Rename the file to \(guess).rj to have it graded"))
                } else {
                    rows.append(.stray(student: student, file: file, reason: "no exercise is called '\(id)'; it was not graded (a script may still :load it)"))
                }
                continue
            }
            guard isInside(path) else {
                rows.append(GradeReport.Row(student: student, exercise: exercise.id, file: file, result: .invalid, points: 0, maximum: exercise.points,
                                            reason: "the file is a link that leads outside the submissions folder; it was not read"))
                continue
            }
            submissions.append(Submission(student: student, exercise: exercise, file: file, path: path))
        }
    }

    /// The exercise a misnamed file most likely answers: the one of the
    /// same number (`ex8` → `ex08_russia_2020`), one whose id it begins,
    /// or the nearest id by spelling.
    static func guess(_ name: String, among ids: [String]) -> String? {
        let lowered = name.lowercased()
        let digits = lowered.drop { !$0.isNumber }.prefix { $0.isNumber }
        if let number = Int(digits), lowered.hasPrefix("ex") {
            let prefix = "ex" + (number < 10 ? "0" : "") + String(number) + "_"
            if let id = ids.first(where: { $0.hasPrefix(prefix) }) { return id }
        }
        if lowered.count >= 3, let id = ids.first(where: { $0.hasPrefix(lowered) }) { return id }
        return nearestName(to: lowered, among: ids)
    }

    private func isInside(_ path: String) -> Bool {
        guard let real = Grader.realPath(path) else { return false }
        return Grader.isInside(real, root)
    }

    /// Hidden files and the folders archive tools add.
    private static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name == "__MACOSX"
    }

    private static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
}
