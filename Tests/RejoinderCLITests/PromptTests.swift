import Foundation
import RejoinderTestSupport
import Testing

/// The real binary at a real (pseudo-)terminal, through libedit: continuation
/// prompts, Tab, Ctrl-C at the prompt and during a query, the history file.
@Suite(.serialized) struct PromptTests {
    let home: String
    let environment: [String: String]

    init() throws {
        home = try ProcessRunner.temporaryFolder()
        environment = ["HOME": home, "XDG_STATE_HOME": home + "/state", "TERM": "xterm", "LANG": "C.UTF-8",
                       "NO_COLOR": "1", "PATH": "/usr/bin:/bin", "PAGER": ""]
    }

    private func start(_ arguments: [String] = []) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(ProcessRunner.rejoinder, arguments, environment: environment)
        try terminal.expect("Type :tour")
        try prompt(terminal)
        return terminal
    }

    /// Waits for the main prompt and for the editor to take the terminal:
    /// a control key typed while the terminal is still in cooked mode would
    /// be handled by the terminal driver instead, as it would for a person
    /// typing faster than the prompt appears.
    private func prompt(_ terminal: PseudoTerminal) throws {
        try terminal.expect("rejoinder> ")
        usleep(100_000)
    }

    /// Types an entry, waits for `expected` and then for the next prompt;
    /// what was shown up to `expected`.
    @discardableResult
    private func enter(_ text: String, in terminal: PseudoTerminal, expecting expected: String) throws -> String {
        terminal.type(text + "\r")
        let shown = try terminal.expect(expected)
        try prompt(terminal)
        return shown
    }

    @Test func aStatementOverTwoLinesShowsTheContinuationPromptThenTheAnswer() throws {
        let terminal = try start()
        terminal.type("?- partner(A, B)\r")
        try terminal.expect("      ...> ")
        terminal.type("  according to wong.\r")
        let answer = try terminal.expect("(2 rows)")
        #expect(answer.contains("│ russia │ china │"))
        try terminal.expect("rejoinder> ")
        terminal.type("?- meets(russia,\r")
        try terminal.expect("     (...> ")
        terminal.type("S, 2020) according to wong.\r")
        try terminal.expect("criticism")
        try prompt(terminal)
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func tabCompletesAndListsCandidates() throws {
        let terminal = try start()
        terminal.type("?- partn\t")
        try terminal.expect("partner ")
        terminal.type("(A, B) according to wo\t")
        try terminal.expect("wong ")
        terminal.type(".\r")
        try terminal.expect("(2 rows)")
        try prompt(terminal)
        terminal.type(":l\t")
        let listing = try terminal.expect(":load")
        #expect(listing.contains(":list"))
        terminal.type("\u{3}")
        try prompt(terminal)
    }

    /// Ctrl-C never leaves: not at an empty prompt, not at a continuation
    /// prompt; the facts typed before are still there. Ctrl-D on an empty
    /// line leaves with a line break, not a "^D".
    @Test func ctrlCNeverQuitsAndCtrlDLeavesCleanly() throws {
        let terminal = try start(["--no-default-kb"])
        terminal.type("mine(1).\r")
        try prompt(terminal)
        terminal.type("\u{3}")
        try terminal.expect("^C")
        try prompt(terminal)
        terminal.type("?- mine(X\r")
        try terminal.expect("(...> ")
        usleep(100_000)
        terminal.type("\u{3}")
        try terminal.expect("^C")
        try prompt(terminal)
        try enter("?- mine(X).", in: terminal, expecting: "(1 row)")
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
        #expect(terminal.transcript.hasSuffix("rejoinder> \n"), "\(terminal.transcript.suffix(40))")
        #expect(!terminal.transcript.contains("^D"))
    }

    @Test func ctrlCClearsTheLineAndCancelsALongQuery() throws {
        let graph = home + "/graph.rj"
        var random = SeededGenerator(seed: 11)
        let edges = (0..<3000).map { _ in "edge(\(Int.random(in: 0..<2000, using: &random)), \(Int.random(in: 0..<2000, using: &random)))." }
        try (edges.joined(separator: "\n") + "\npath(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n")
            .write(toFile: graph, atomically: true, encoding: .utf8)
        let terminal = try start(["--no-default-kb", "--kb", graph])
        terminal.type("garbage that is never run\u{3}")
        try terminal.expect("^C")
        try prompt(terminal)
        terminal.type("?- N = count : { path(X, Y) }.\r")
        usleep(500_000)
        let started = Date()
        terminal.type("\u{3}")
        try terminal.expect("query cancelled")
        #expect(Date().timeIntervalSince(started) < 5)
        try prompt(terminal)
        terminal.type("?- edge(X, Y), X < 0.\r")
        try terminal.expect("(0 rows)")
        terminal.type(":quit\r")
        #expect(terminal.waitForExit() == 0)
    }

    /// Printing is part of the query: Ctrl-C while a long answer is being
    /// written stops it (the terminal does not scroll through the rest)
    /// and the prompt comes back.
    @Test func ctrlCStopsAnAnswerWhileItIsPrinted() throws {
        let facts = home + "/rows.rj"
        try (0..<200_000).map { "f(\($0), \"row \($0)\")." }.joined(separator: "\n").write(toFile: facts, atomically: true, encoding: .utf8)
        let terminal = try start(["--no-default-kb", "--kb", facts])
        try enter(":format csv", in: terminal, expecting: ":format csv")
        terminal.type("?- f(I, L).\r")
        try terminal.expect("row 100\n", timeout: 60)
        terminal.type("\u{3}")
        let rest = try terminal.expect("printing cancelled: the answer has 200000 rows")
        #expect(!rest.contains("row 199999"))
        try prompt(terminal)
        try enter("?- f(7, L).", in: terminal, expecting: "row 7")
        terminal.type(":quit\r")
        #expect(terminal.waitForExit() == 0)
    }

    /// An answer taller than the terminal goes through `$PAGER`; one that
    /// fits does not; `:pager off` turns it off; `:x` prints a field a line.
    @Test func tallAnswersArePagedAndExpandedModeShowsWholeLabels() throws {
        var environment = environment
        environment["PAGER"] = "sed s/^/paged:/"
        let terminal = try PseudoTerminal(ProcessRunner.rejoinder, [], environment: environment, columns: 60, rows: 12)
        try terminal.expect("Type :tour")
        try prompt(terminal)
        let paged = try enter("?- actor A according to wong.", in: terminal, expecting: "paged:(11 rows)")
        #expect(paged.contains("paged:│ north_korea │"))
        #expect(!(try enter("?- partner(A, B) according to wong.", in: terminal, expecting: "(2 rows)")).contains("paged:"))
        try enter(":pager", in: terminal, expecting: "pager is off")
        #expect(!(try enter("?- actor A according to wong.", in: terminal, expecting: "(11 rows)")).contains("paged:"))
        try enter(":x", in: terminal, expecting: "expanded display is on")
        let expanded = try enter("?- claim C { by: wong, para: 40 }, label(C, L), C = wong_standards_restated.", in: terminal, expecting: "(1 row)")
        #expect(expanded.contains("-[ row 1 ]"))
        #expect(expanded.contains("L            │ The editors define an independent power by policy differences, freedom to criticize, and manoeuvring for influence apart from the closest partner"))
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
    }

    /// `rejoinder tour` at a terminal waits for Enter between its steps,
    /// and q stops it.
    @Test func theTourWaitsForEnterAtATerminal() throws {
        let terminal = try PseudoTerminal(ProcessRunner.rejoinder, ["tour"], environment: environment)
        try terminal.expect("Step 1 of 5")
        let first = try terminal.expect("[Enter: the next question, q: stop] ")
        #expect(!first.contains("Step 2 of 5"))
        terminal.type("\r")
        try terminal.expect("Step 2 of 5")
        try terminal.expect("[Enter: the next question, q: stop] ")
        terminal.type("q\r")
        #expect(terminal.waitForExit() == 0)
        #expect(!terminal.transcript.contains("Step 3 of 5"))
    }

    /// At a real prompt: `exit halt.` is answered, not run; settings answer
    /// when asked; `quit` alone leaves.
    @Test func theExitsPeopleTypeWorkAtTheTerminal() throws {
        let terminal = try start(["--no-default-kb"])
        try enter("exit halt.", in: terminal, expecting: "use :quit or Ctrl-D to leave")
        try enter(":timing", in: terminal, expecting: "timing is on")
        try enter(":format", in: terminal, expecting: "format table")
        try enter("?- exit X.", in: terminal, expecting: "(0 rows)")
        terminal.type("quit\r")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func theHistoryFileHoldsAMultiLineStatementAsOneEntry() throws {
        let terminal = try start()
        terminal.type("?- partner(A, B)\r")
        try terminal.expect("...> ")
        try enter("  according to asan.", in: terminal, expecting: "(2 rows)")
        try enter(":format csv", in: terminal, expecting: ":format csv")
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
        let history = try String(contentsOfFile: home + "/state/rejoinder/history", encoding: .utf8)
        #expect(history == "?- partner(A, B)\\n  according to asan.\n:format csv\n")
    }

    @Test func errorsAtThePromptNeverEndTheSession() throws {
        let terminal = try start()
        terminal.type("?- oops(.\r")
        try terminal.expect("error: expected an expression, found '.'")
        terminal.type(":nonsense\r")
        try terminal.expect("unknown command ':nonsense'")
        terminal.type("?- partner(russia, X) according to wong.\r")
        try terminal.expect("china")
        terminal.type(":quit\r")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func theStartupFileRunsBeforeTheFirstPrompt() throws {
        try ":format csv\nlocal_fact(7).\n".write(toFile: home + "/.rejoinderrc", atomically: true, encoding: .utf8)
        let terminal = try start(["--no-default-kb"])
        terminal.type("?- local_fact(X).\r")
        try terminal.expect("X\n7\n")
    }
}
