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
}
