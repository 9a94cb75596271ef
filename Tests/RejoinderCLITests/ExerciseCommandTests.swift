import Foundation
import RejoinderTestSupport
import Testing

/// `rejoinder exercise …` through the binary: checking, grading, and a
/// progress file that survives being killed mid-write.
@Suite struct ExerciseCommandTests {
    static let root = ProjectPaths.root()

    static let grading = "Tests/RejoinderCLITests/Golden/grading"

    /// Every format of the report on two class folders: the plain one, and
    /// one as an LMS download makes it (scripts in nested folders, a
    /// misnamed file, a stray file, a name in capitals, a script that
    /// loads a helper of its own, one that reaches out of its folder, one
    /// that writes a file, one that loops).
    @Test(arguments: ["submissions", "class"], GradeReportFormat.allCases)
    func gradingAFolderGivesTheExpectedReport(folder: String, format: GradeReportFormat) throws {
        let result = try ProcessRunner.run(["exercise", "grade", "\(Self.grading)/\(folder)", "--format", format.rawValue, "--max-facts", "50000"],
                                           directory: Self.root)
        #expect(result.status == 0, "\(result.error)")
        let golden = "\(Self.root)/\(Self.grading)/\(folder).\(format.rawValue)"
        #expect(Golden.mismatch(result.output, file: golden) == nil, "\(Golden.mismatch(result.output, file: golden) ?? "")")
        #expect(result.error.hasPrefix("graded 3 students, "))
        #expect(!FileManager.default.fileExists(atPath: "\(Self.root)/\(Self.grading)/class/fay/owned.txt"))
    }

    /// Gradescope's autograder reads `results.json` for one submission:
    /// the fields its documentation names, of the types it names.
    @Test func theGradescopeReportHasItsDocumentedFields() throws {
        let result = try ProcessRunner.run(["exercise", "grade", "\(Self.grading)/submissions/ana", "--format", "gradescope",
                                            "--exercises", "ex02_actors, ex08_russia_2020, ex15_per_capita, ex12_nuclear"], directory: Self.root)
        #expect(result.status == 0, "\(result.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["score"] as? Double == 3)
        #expect(json["stdout_visibility"] as? String == "hidden")
        let tests = try #require(json["tests"] as? [[String: Any]])
        #expect(tests.map { $0["name"] as? String } == ["ex02_actors", "ex08_russia_2020", "ex12_nuclear", "ex15_per_capita"])
        for test in tests {
            #expect(Set(test.keys) == ["name", "score", "max_score", "output", "visibility"])
            #expect(test["score"] is Double && test["max_score"] as? Double == 1 && test["output"] is String)
            #expect(["hidden", "after_due_date", "after_published", "visible"].contains(test["visibility"] as? String ?? ""))
        }
        let whole = try ProcessRunner.run(["exercise", "grade", "\(Self.grading)/submissions", "--format", "gradescope"], directory: Self.root)
        #expect(whole.status == 1 && whole.error.hasPrefix("error: the gradescope format is for one student's submission, and the folder holds 3"))
        let unknown = try ProcessRunner.run(["exercise", "grade", "\(Self.grading)/submissions", "--exercises", "ex8"], directory: Self.root)
        #expect(unknown.status == 1 && unknown.error.contains("no exercise is called 'ex8'"))
    }

    /// Points come from the exercise (`points: N`); the grade book has a
    /// column per exercise and the total.
    @Test func pointsComeFromTheExercise() throws {
        let home = try ProcessRunner.temporaryFolder()
        try """
        exercise e1 "Which p?" { answer: "?- p(X).", hint: "h", topic: t, level: 1, points: 2 }.
        exercise e2 "Which q?" { answer: "?- q(X).", hint: "h", topic: t, level: 1 }.
        p(1). q(2).
        """.write(toFile: home + "/k.rj", atomically: true, encoding: .utf8)
        for (student, answers) in [("ana", ["e1": "?- p(X).", "e2": "?- q(X)."]), ("ben", ["e1": "?- p(X).", "e2": "?- p(X)."])] {
            try FileManager.default.createDirectory(atPath: "\(home)/class/\(student)", withIntermediateDirectories: true)
            for (id, text) in answers { try text.write(toFile: "\(home)/class/\(student)/\(id).rj", atomically: true, encoding: .utf8) }
        }
        let book = try ProcessRunner.run(["exercise", "grade", home + "/class", "--format", "gradebook", "--no-default-kb", "--kb", home + "/k.rj"])
        #expect(book.output == "Student,ID,SIS Login ID,Section,e1,e2,Total\r\nana,,ana,,2,1,3\r\nben,,ben,,2,0,2\r\n", "\(book.error)")
    }

    /// On the command line as at the prompt: a check says how to get a
    /// hint, `exercise hint` gives them in turn, and a passing check counts
    /// in the progress.
    @Test func theCommandLineGivesHintsAndRecordsProgress() throws {
        let home = try ProcessRunner.temporaryFolder()
        let environment = ["HOME": home, "XDG_STATE_HOME": home + "/state"]
        let show = try ProcessRunner.run(["exercise", "show", "ex02_actors"], environment: environment)
        #expect(show.output.contains("'rejoinder exercise hint ex02_actors' gives the next hint"))
        let first = try ProcessRunner.run(["exercise", "hint", "ex02_actors"], environment: environment)
        let second = try ProcessRunner.run(["exercise", "hint", "ex02_actors"], environment: environment)
        #expect(first.output.hasPrefix("Hint 1 of 2: ") && second.output.hasPrefix("Hint 2 of 2: "))
        let again = try ProcessRunner.run(["exercise", "hint", "ex02_actors", "1"], environment: environment)
        #expect(again.output == first.output)
        try "?- source S.\n".write(toFile: home + "/wrong.rj", atomically: true, encoding: .utf8)
        let wrong = try ProcessRunner.run(["exercise", "check", "ex02_actors", home + "/wrong.rj"], environment: environment)
        #expect(wrong.status == 1 && wrong.output.hasSuffix("'rejoinder exercise hint ex02_actors' gives a hint.\n"))
        let right = try ProcessRunner.run(["exercise", "check", "ex02_actors", "\(Self.root)/\(Self.grading)/submissions/ana/ex02_actors.rj"], environment: environment)
        #expect(right.status == 0)
        let list = try ProcessRunner.run(["exercise", "list", "--format", "csv"], environment: environment)
        #expect(list.output.contains("\r\ndone,ex02_actors,"))
        let progress = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: home + "/state/rejoinder/progress.json"))) as? [String: Any])
        #expect((progress["attempts"] as? [String: Int])?["ex02_actors"] == 2)
        #expect((progress["done"] as? [String])?.contains("ex02_actors") == true)
    }

    @Test func checkExitsWithZeroOnlyWhenCorrect() throws {
        let folder = Self.root + "/Tests/RejoinderCLITests/Golden/grading/submissions"
        let home = try ProcessRunner.temporaryFolder()
        let correct = try ProcessRunner.run(["exercise", "check", "ex08_russia_2020", folder + "/ana/ex08_russia_2020.rj"], environment: ["HOME": home])
        #expect(correct.status == 0 && correct.output == "✓ correct\n", "\(correct.output)")
        let wrong = try ProcessRunner.run(["exercise", "check", "ex15_per_capita", folder + "/ben/ex15_per_capita.rj"], environment: ["HOME": home])
        #expect(wrong.status == 1 && wrong.output.hasPrefix("✗ not yet: your query gives the right rows"))
        let unknown = try ProcessRunner.run(["exercise", "check", "ex00", folder + "/ben/ex15_per_capita.rj"], environment: ["HOME": home])
        #expect(unknown.status == 2)
    }

    @Test func listAndShow() throws {
        let home = try ProcessRunner.temporaryFolder()
        let list = try ProcessRunner.run(["exercise", "list", "--format", "csv"], environment: ["HOME": home])
        #expect(list.output.hasPrefix("status,exercise,level,topic,task\r\nopen,ex01_sources,1,perspectives,"))
        #expect(list.output.components(separatedBy: "\r\n").count >= 26)
        let show = try ProcessRunner.run(["exercise", "show", "ex19_stage_2024"], environment: ["HOME": home])
        #expect(show.output.hasPrefix("ex19_stage_2024 (level 3, asymmetry)\nAt which of Wong's three stages is the Sino-Russian pair in 2024: by Wong's own verdict, and by his framework applied to the editors' evidence?"))
    }

    /// Progress is rewritten after every answer; killed at any moment, the
    /// file is the old version or the new one, never a torn one.
    @Test func progressSurvivesAKillDuringTheWrite() throws {
        let home = try ProcessRunner.temporaryFolder()
        let progress = home + "/state/rejoinder/progress.json"
        let knowledge = home + "/k.rj"
        try (1...40).map { "exercise e\($0) \"Which p?\" { answer: \"?- p(X), X <= \($0).\", hint: \"h\", hint_2: \"i\", topic: t, level: 1 }." }
            .joined(separator: "\n").appending("\n" + (1...40).map { "p(\($0))." }.joined(separator: " ") + "\n")
            .write(toFile: knowledge, atomically: true, encoding: .utf8)
        let script = (1...40).map { ":exercise e\($0)\n?- p(X), X <= \($0).\n:hint\n" }.joined()
        var random = SeededGenerator(seed: 2024)
        var seen = 0
        for _ in 0..<12 {
            try ProcessRunner.runAndKill(["run", "--no-default-kb", "--kb", knowledge, "-"], input: script,
                                         after: UInt32.random(in: 20_000...600_000, using: &random),
                                         environment: ["HOME": home, "XDG_STATE_HOME": home + "/state"])
            guard let data = FileManager.default.contents(atPath: progress) else { continue }
            let state = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            #expect(state?["done"] is [String], "a torn progress file: \(String(decoding: data, as: UTF8.self))")
            seen += 1
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: home + "/state/rejoinder"))?.filter { $0.hasSuffix(".tmp") } ?? []
            for leftover in leftovers { try? FileManager.default.removeItem(atPath: home + "/state/rejoinder/" + leftover) }
        }
        #expect(seen > 0)
    }

    /// Untrusted submissions: links out of the folder are not followed and
    /// none of their text reaches the report, cells that look like formulas
    /// are neutralised, long reasons are cut; an id on the command line is
    /// looked up, never run.
    @Test func gradingTreatsSubmissionsAsUntrusted() throws {
        let home = try ProcessRunner.temporaryFolder()
        let outside = home + "/outside"
        let submissions = home + "/submissions"
        let formulaStudent = "=cmd" + String(repeating: "x", count: 240)
        for path in [outside + "/elsewhere", submissions + "/dana", submissions + "/" + formulaStudent] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        try "?- secret_text_of_the_teacher(X).\n".write(toFile: outside + "/answers.rj", atomically: true, encoding: .utf8)
        try "?- secret_text_of_the_teacher(X).\n".write(toFile: outside + "/elsewhere/ex02_actors.rj", atomically: true, encoding: .utf8)
        symlink(outside + "/answers.rj", submissions + "/dana/ex02_actors.rj")
        symlink(outside + "/elsewhere", submissions + "/eve")
        try "?- \(String(repeating: "x", count: 400))(A).\n".write(toFile: submissions + "/" + formulaStudent + "/ex02_actors.rj", atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run(["exercise", "grade", submissions], environment: ["HOME": home])
        #expect(!result.output.contains("secret_text"))
        let lines = result.output.components(separatedBy: "\r\n")
        #expect(lines.contains("dana,ex02_actors,ex02_actors.rj,invalid,0,1,the file is a link that leads outside the submissions folder; it was not read"))
        #expect(lines.contains("eve,,,invalid,0,0,the folder is a link that leads outside the submissions folder; it was not read"))
        let formula = try #require(lines.first { $0.hasPrefix("'\(formulaStudent),ex02_actors,ex02_actors.rj,invalid,0,1,") })
        #expect(formula.count < formulaStudent.count + 360 && (formula.hasSuffix("…") || formula.hasSuffix("…\"")))
        let injected = try ProcessRunner.run(["exercise", "show", "ex01_sources\n:output \(home)/injected.txt"], environment: ["HOME": home])
        #expect(injected.status == 1 && injected.error.contains("unknown exercise"))
        #expect(!FileManager.default.fileExists(atPath: home + "/injected.txt"))
    }

    /// Four prompts over one progress file, each completing its own exercise
    /// at the same moment: the lock and the re-read keep all four.
    @Test func progressOfConcurrentPromptsIsMerged() throws {
        let home = try ProcessRunner.temporaryFolder()
        let knowledge = home + "/k.rj"
        try ((1...4).map { "exercise e\($0) \"Which p?\" { answer: \"?- p(X), X <= \($0).\", hint: \"h\", hint_2: \"i\", topic: t, level: 1 }." }
             + ["p(1). p(2). p(3). p(4)."]).joined(separator: "\n").write(toFile: knowledge, atomically: true, encoding: .utf8)
        let environment = ["HOME": home, "XDG_STATE_HOME": home + "/state"]
        for _ in 0..<3 {
            try? FileManager.default.removeItem(atPath: home + "/state")
            let group = DispatchGroup()
            for number in 1...4 {
                DispatchQueue.global().async(group: group) {
                    let script = String(repeating: ":exercise e\(number)\n?- p(X), X < 0.\n", count: 40) + ":exercise e\(number)\n?- p(X), X <= \(number).\n"
                    _ = try? ProcessRunner.run(["run", "--no-default-kb", "--kb", knowledge, "-"], input: script, environment: environment)
                }
            }
            group.wait()
            let data = try #require(FileManager.default.contents(atPath: home + "/state/rejoinder/progress.json"))
            let state = try JSONDecoder().decode(ProgressState.self, from: data)
            #expect(state.done == ["e1", "e2", "e3", "e4"])
            #expect(state.attempts == ["e1": 41, "e2": 41, "e3": 41, "e4": 41])
        }
    }

    /// A damaged progress file is set aside with a warning, and the prompt
    /// goes on with fresh progress.
    @Test func aDamagedProgressFileIsSetAside() throws {
        let home = try ProcessRunner.temporaryFolder()
        let folder = home + "/state/rejoinder"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for damage in ["{ not json", #"{"done": [], "attempts": {"e1": -3}, "hintsShown": {}}"#] {
            try damage.write(toFile: folder + "/progress.json", atomically: true, encoding: .utf8)
            let result = try ProcessRunner.run(["exercise", "list", "--format", "csv"], environment: ["HOME": home, "XDG_STATE_HOME": home + "/state"])
            #expect(result.status == 0)
            #expect(result.error.hasPrefix("warning: the progress file '\(folder)/progress.json' could not be read; it was set aside as '\(folder)/progress.json.damaged-"))
            #expect(result.output.hasPrefix("status,exercise,level,topic,task\r\nopen,ex01_sources"))
            let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(names.contains { $0.hasPrefix("progress.json.damaged-") } && !names.contains("progress.json"))
            for name in names where name.hasPrefix("progress.json.damaged-") { try FileManager.default.removeItem(atPath: folder + "/" + name) }
        }
    }
}

/// The progress file's fields, as a test reads them.
private struct ProgressState: Decodable {
    let done: [String]
    let attempts: [String: Int]
}

/// The report formats, as the command line spells them.
enum GradeReportFormat: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case csv, json, markdown, gradebook

    var testDescription: String { rawValue }
}
