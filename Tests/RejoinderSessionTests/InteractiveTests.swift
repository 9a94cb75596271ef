import Foundation
import RejoinderRendering
@testable import RejoinderSession
import RejoinderSyntax
import Testing

/// Lines typed at the prompt, and the prompts that were shown.
final class ScriptedReader: LineReader {
    private var inputs: [LineInput]
    private(set) var prompts: [String] = []
    private(set) var remembered: [String] = []

    init(_ inputs: [LineInput]) {
        self.inputs = inputs
    }

    func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        return inputs.isEmpty ? .endOfInput : inputs.removeFirst()
    }

    func remember(_ entry: String) {
        remembered.append(entry)
    }
}

@Suite struct InteractiveTests {
    @Test func continuationPromptsSayWhatIsOpen() {
        let (session, transcript) = session()
        session.settings.format = .csv
        let reader = ScriptedReader([
            .line("p(1). p(2)."),
            .line("?- p(X)"), .line("  , X > 1"), .line("."),
            .line("?- q(\"a"), .line("b\")."),
            .line("?- p("), .line("X)."),
            .line("claim c { about: ["), .line("q1] }."),
        ])
        session.runInteractively(reader: reader, history: nil)
        #expect(reader.prompts == [
            "rejoinder> ",
            "rejoinder> ", "      ...> ", "      ...> ",
            "rejoinder> ", "     \"...> ",
            "rejoinder> ", "     (...> ",
            "rejoinder> ", "     [...> ",
            "rejoinder> ",
        ])
        #expect(transcript.answerText == "X\r\n2\r\nX\r\n1\r\n2\r\n")
        #expect(transcript.errorText.contains("<prompt>:1:4: error: unknown predicate 'q/1'"))
        #expect(reader.remembered == ["p(1). p(2).", "?- p(X)\n  , X > 1\n.", "?- q(\"a\nb\").", "?- p(\nX).", "claim c { about: [\nq1] }."])
    }

    @Test func ctrlCDiscardsTheEntryBeingTyped() {
        let (session, transcript) = session()
        session.settings.format = .csv
        let reader = ScriptedReader([.line("p(1)."), .line("?- p(X"), .interrupted, .line("?- p(X)."), .line(":quit"), .line("?- p(X).")])
        session.runInteractively(reader: reader, history: nil)
        #expect(reader.prompts == ["rejoinder> ", "rejoinder> ", "     (...> ", "rejoinder> ", "rejoinder> "])
        #expect(transcript.answerText == "X\r\n1\r\n")
        #expect(transcript.errorText == "")
    }

    /// The words other prompts leave with leave this one; the ones that
    /// are also statements (`halt.`, `exit halt.`) are not run but answered.
    @Test(arguments: ["quit", "exit", "\\q", ".quit", ":q", "  exit  "])
    func theExitsPeopleTypeLeave(word: String) {
        let (session, transcript) = session()
        let reader = ScriptedReader([.line(word), .line("p(1).")])
        session.runInteractively(reader: reader, history: nil)
        #expect(reader.prompts == ["rejoinder> "])
        #expect(transcript.errorText == "")
    }

    @Test func leavingStatementsAreNotRun() {
        let (session, transcript) = session()
        let reader = ScriptedReader([.line("halt."), .line("exit halt."), .line("quit."), .line("?- exit X.")])
        session.runInteractively(reader: reader, history: nil)
        #expect(transcript.errorText.hasPrefix(String(repeating: "use :quit or Ctrl-D to leave\n", count: 3)))
        #expect(session.knowledgeBase.statistics.entities == 0 && session.knowledgeBase.statistics.facts == 0)
        // A query is a query: the fourth entry runs.
        #expect(transcript.answerText.hasSuffix("(0 rows)\n"))
    }

    /// `:format`, `:depth` and `:bail` alone say their value; `:timing`
    /// alone toggles and says so, as psql's `\timing` does.
    @Test func settingsAnswerWhenAsked() {
        let (session, transcript) = session()
        session.run(SourceFile(name: "<prompt>", text: ":format\n:format csv\n:format\n:depth\n:timing\n:timing\n:timing on\n:bail\n"))
        #expect(transcript.answerText == "format table\nformat csv\ndepth 8\n")
        #expect(transcript.errorText == "timing is on\ntiming is off\nbail is on\n")
        #expect(session.settings.timing && session.settings.bail)
    }

    /// `:read` runs a script whole, here; `:load` loads its definitions
    /// and says what it did not run.
    @Test func readRunsAScriptAndLoadSaysWhatItSkipped() {
        let script = "p(1).\n?- p(X).\n:format csv\nwhy p(1).\n"
        let (session, transcript) = session(files: ["s.rj": script, "loop.rj": ":read loop.rj\n"])
        session.run(SourceFile(name: "<prompt>", text: ":load s.rj\n"))
        #expect(transcript.answerText == "")
        #expect(transcript.errorText == "loaded 1 file: 1 facts, 0 rules; 2 queries and 1 command not run (:read runs a script whole)\n")
        session.run(SourceFile(name: "<prompt>", text: ":read s.rj\n"))
        #expect(transcript.answerText.hasPrefix("+---+\n| X |\n+---+\n| 1 |\n+---+\n(1 row)\n"))
        #expect(session.settings.format == .csv)
        session.run(SourceFile(name: "<prompt>", text: ":read loop.rj\n"))
        #expect(transcript.errorText.contains("loop.rj:1:1: error: ':read' is nested more than 16 scripts deep (does a script read itself?)"))
    }

    @Test func blankLinesAndCommentsRunNothing() {
        let (session, transcript) = session()
        let reader = ScriptedReader([.line(""), .line("   # just a comment"), .line("")])
        session.runInteractively(reader: reader, history: nil)
        #expect(reader.prompts == ["rejoinder> ", "rejoinder> ", "rejoinder> ", "rejoinder> "])
        #expect(reader.remembered.isEmpty && transcript.errorText.isEmpty)
    }

    @Test func entriesGoToTheHistoryFileOnceEach() throws {
        let folder = NSTemporaryDirectory() + "rejoinder-history-" + UUID().uuidString
        let history = HistoryFile(path: folder + "/state/history", capacity: 3)
        let (session, _) = session()
        session.runInteractively(reader: ScriptedReader([
            .line("p(1)."), .line("p(1)."), .line("?- p(X)"), .line("."), .line(":timing on"), .line("q(\"a\\\\b\")."),
        ]), history: history)
        let stored = try String(contentsOfFile: folder + "/state/history", encoding: .utf8)
        // Capacity 3: each save keeps the last three entries.
        #expect(stored == "?- p(X)\\n.\n:timing on\nq(\"a\\\\\\\\b\").\n")
        #expect(HistoryFile(path: folder + "/state/history", capacity: 3).load() == ["?- p(X)\n.", ":timing on", "q(\"a\\\\b\")."])
    }

    @Test func aLongHistoryIsCapped() throws {
        let path = NSTemporaryDirectory() + "rejoinder-history-" + UUID().uuidString
        try (1...25).map { "e\($0)." }.joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        let history = HistoryFile(path: path, capacity: 10)
        #expect(history.load() == (16...25).map { "e\($0)." })
        try history.append("e26.")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == (17...26).map { "e\($0).\n" }.joined())
    }

    @Test func outputAndOnceSendAnswersToFiles() throws {
        let folder = NSTemporaryDirectory() + "rejoinder-output-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let (session, transcript) = session()
        session.settings.format = .csv
        session.run(SourceFile(name: "s.rj", text: """
        p(1).
        :output \(folder)/all.csv
        ?- p(X).
        ?- p(1).
        :output
        :once \(folder)/one.csv
        ?- p(X).
        ?- p(X).
        :output \(folder)/missing/x.csv
        ?- p(X).
        """))
        session.finish()
        #expect(try String(contentsOfFile: folder + "/all.csv", encoding: .utf8) == "X\r\n1\r\nyes\r\n")
        #expect(try String(contentsOfFile: folder + "/one.csv", encoding: .utf8) == "X\r\n1\r\n")
        // A bad path is refused at once, so the answer after it is printed.
        #expect(transcript.answerText == "X\r\n1\r\nX\r\n1\r\n")
        #expect(transcript.errorText.contains("s.rj:9:1: error: cannot write '\(folder)/missing/x.csv': no such folder"))
    }

    /// The prompt writes what `rejoinder export` writes: AIF of a view (the
    /// joint one too), a view's attack graph in apx; apx needs the view.
    @Test func exportWritesAIFAndApxOfAView() throws {
        let folder = NSTemporaryDirectory() + "rejoinder-export-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let (session, transcript) = session()
        session.run(SourceFile(name: "s.rj", text: """
        source left "Left". source right "Right". vocabulary(argument, claim). vocabulary(attack, rebuts). vocabulary(joint_view, debate).
        claim l { by: left }. claim r { by: right }.
        according to left: rebuts(l, r).
        according to right: rebuts(r, l).
        :export aif \(folder)/map.aif.json debate
        :export apx \(folder)/joint.apx debate
        :export apx \(folder)/none.apx
        """))
        session.finish()
        #expect(try String(contentsOfFile: folder + "/joint.apx", encoding: .utf8)
                == "% the attack graph according to debate, from Rejoinder\narg(l).\narg(r).\natt(l,r).\natt(r,l).\n")
        let aif = try String(contentsOfFile: folder + "/map.aif.json", encoding: .utf8)
        #expect(aif.contains("\"type\":\"CA\"") && aif.contains("\"nodeID\":\"l\""))
        #expect(transcript.errorText.contains("s.rj:7:1: error: expected 'dot FILE [SOURCE]', 'aif FILE [SOURCE]', 'apx FILE SOURCE' or 'json FILE' after ':export'"),
                "\(transcript.errorText)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/none.apx"))
    }

    /// A read-only file is refused, with the way to replace it: the same
    /// command with `!`, as vi's `:w!`. The file keeps its mode.
    @Test func aReadOnlyFileIsReplacedOnlyWithBang() throws {
        let folder = NSTemporaryDirectory() + "rejoinder-readonly-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["a.csv", "b.csv", "map.json"] {
            try "kept\n".write(toFile: "\(folder)/\(name)", atomically: false, encoding: .utf8)
            chmod("\(folder)/\(name)", 0o444)
        }
        let (session, transcript) = session()
        session.settings.format = .csv
        session.run(SourceFile(name: "s.rj", text: """
        p(1).
        :output \(folder)/a.csv
        :once \(folder)/b.csv
        :export json \(folder)/map.json
        :load! x.rj
        :output! \(folder)/a.csv
        ?- p(X).
        :output
        :once! "\(folder)/b.csv"
        ?- p(1).
        :export! json \(folder)/map.json
        """))
        session.finish()
        for (line, command) in [(2, ":output!"), (3, ":once!"), (4, ":export!")] {
            let name = ["a.csv", "b.csv", "map.json"][line - 2]
            #expect(transcript.errorText.contains("""
            s.rj:\(line):1: error: cannot write '\(folder)/\(name)': it is read-only
            """), "\(transcript.errorText)")
            #expect(transcript.errorText.contains("help: '\(command)' replaces a read-only file"))
        }
        #expect(transcript.errorText.contains("s.rj:5:1: error: ':load' writes no file, so it takes no '!'"))
        #expect(try String(contentsOfFile: folder + "/a.csv", encoding: .utf8) == "X\r\n1\r\n")
        #expect(try String(contentsOfFile: folder + "/b.csv", encoding: .utf8) == "yes\r\n")
        #expect(try String(contentsOfFile: folder + "/map.json", encoding: .utf8).hasPrefix("{"))
        var status = stat()
        stat(folder + "/a.csv", &status)
        #expect(status.st_mode & 0o777 == 0o444)
    }
}

@Suite struct CompletionTests {
    let session: Session

    init() {
        (session, _) = RejoinderSessionTests.session()
        session.run(SourceFile(name: "k.rj", text: """
        source asan. source wong.
        actor russia. actor rwanda.
        meets(russia, criticism, 2020).
        according to wong: mentions(russia).
        vocabulary(joint_view, debate).
        """))
    }

    private func candidates(_ line: String) -> [String] {
        session.completions(line: line, cursor: line.count).candidates.map(\.text)
    }

    @Test func predicatesConstantsAndKeywords() {
        #expect(candidates("?- me") == ["meets", "mentions"])
        #expect(candidates("?- meets(r") == ["russia", "rwanda"])
        #expect(candidates("?- meets(russia, S, 2020) con") == ["contrast"])
        #expect(candidates("?- meets(russia, S, 2020) acc") == ["according to"])
        #expect(candidates("?- meets(X") == [])
        #expect(session.completions(line: "?- mee", cursor: 6).candidates.map(\.display) == ["meets/3"])
    }

    @Test func sourcesAfterAccordingToAndContrast() {
        #expect(candidates("?- meets(A, S, Y) according to ") == ["asan", "debate", "wong"])
        #expect(candidates("?- meets(A, S, Y) according to w") == ["wong"])
        #expect(candidates("?- meets(A, S, Y) contrast ") == ["asan", "debate", "wong"])
        #expect(candidates("?- meets(A, S, Y) contrast asan, ") == ["asan", "debate", "wong"])
        #expect(candidates("?- status(C, S) according to d") == ["debate"])
        #expect(candidates(":export a") == ["aif", "apx"])
    }

    @Test func metaCommandsAndTheirArguments() {
        #expect(candidates(":l") == [":list", ":load"])
        #expect(candidates(":format j") == ["json"])
        #expect(candidates(":timing ") == ["off", "on"])
        #expect(candidates(":schema me") == ["meets", "mentions"])
        #expect(candidates(":help q") == ["queries", "quit"])
    }

    @Test func filePathsAfterLoadOutputAndOnce() throws {
        let folder = NSTemporaryDirectory() + "rejoinder-paths-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder + "/debates", withIntermediateDirectories: true)
        try "".write(toFile: folder + "/debate.rj", atomically: true, encoding: .utf8)
        #expect(candidates(":load \(folder)/deb") == ["\(folder)/debate.rj", "\(folder)/debates/"])
        #expect(candidates(":once \(folder)/debates") == ["\(folder)/debates/"])
        #expect(candidates(":once! \(folder)/debates") == ["\(folder)/debates/"])
        let completion = session.completions(line: ":output \(folder)/d", cursor: ":output \(folder)/d".count)
        #expect(completion.start == ":output ".count)
        #expect(completion.commonPrefix == "\(folder)/debate")
    }
}
