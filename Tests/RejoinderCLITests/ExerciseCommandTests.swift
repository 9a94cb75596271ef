import Foundation
import RejoinderTestSupport
import Testing

/// `rejoinder exercise …` through the binary: checking, grading, and a
/// progress file that survives being killed mid-write.
@Suite struct ExerciseCommandTests {
    static let root = ProjectPaths.root()

    @Test func gradingAFolderGivesTheExpectedReport() throws {
        let result = try ProcessRunner.run(["exercise", "grade", "Tests/RejoinderCLITests/Golden/grading/submissions"], directory: Self.root)
        #expect(result.status == 0, "\(result.error)")
        let expected = try String(contentsOfFile: Self.root + "/Tests/RejoinderCLITests/Golden/grading/expected.csv", encoding: .utf8)
        #expect(result.output == expected)
    }

    @Test func checkExitsWithZeroOnlyWhenCorrect() throws {
        let folder = Self.root + "/Tests/RejoinderCLITests/Golden/grading/submissions"
        let home = try ProcessRunner.temporaryFolder()
        let correct = try ProcessRunner.run(["exercise", "check", "ex08_russia_2020", folder + "/ana/ex08_russia_2020.rj"], environment: ["HOME": home])
        #expect(correct.status == 0 && correct.output == "✓ correct\n")
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
        try "?- p(a b).\n".write(toFile: submissions + "/" + formulaStudent + "/ex02_actors.rj", atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run(["exercise", "grade", submissions], environment: ["HOME": home])
        #expect(!result.output.contains("secret_text"))
        let lines = result.output.components(separatedBy: "\r\n")
        #expect(lines.contains("dana,ex02_actors,invalid,the file is a link that leads outside the submissions folder; it was not read"))
        #expect(lines.contains("eve,,invalid,the folder is a link that leads outside the submissions folder; it was not read"))
        let formula = try #require(lines.first { $0.hasPrefix("'\(formulaStudent),ex02_actors,invalid,") })
        #expect(formula.count < formulaStudent.count + 340 && (formula.hasSuffix("…") || formula.hasSuffix("…\"")))
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
