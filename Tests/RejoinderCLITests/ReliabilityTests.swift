import Foundation
import RejoinderTestSupport
import Testing

/// Hostile input and hostile moments, through the binary: huge and deeply
/// nested input, bad paths, limits on the command line, and files that
/// must survive a SIGKILL in the middle of being written.
@Suite struct ReliabilityTests {
    private func run(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> ProcessRunner.Result {
        try ProcessRunner.run(arguments, input: input, environment: environment)
    }

    private func write(_ text: String, _ path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    // MARK: Depth and size

    /// 100,000 nested brackets: one diagnostic, no stack overflow, and a
    /// source excerpt cut to a screen line around the caret.
    @Test func deepNestingIsADiagnostic() throws {
        let folder = try ProcessRunner.temporaryFolder()
        try write("?- X = " + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000) + ".\n", folder + "/deep.rj")
        let result = try run(["run", "--no-default-kb", folder + "/deep.rj"])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("\(folder)/deep.rj:1:207: error: nesting is too deep (more than 200 levels)\n"))
        #expect(result.error.components(separatedBy: "error:").count == 2)
        #expect(result.error.split(separator: "\n").filter { $0.hasPrefix("  ") }.allSatisfy { $0.count < 130 })
    }

    /// A one-megabyte line of facts ending in an error: every fact before
    /// it is reported once, with an excerpt, not the megabyte.
    @Test func aMegabyteLineIsExcerpted() throws {
        let folder = try ProcessRunner.temporaryFolder()
        let facts = (0..<100_000).map { "p(\($0))." }.joined(separator: " ")
        try write(facts + " p(oops\n", folder + "/long.rj")
        let result = try run(["run", "--no-default-kb", folder + "/long.rj"])
        #expect(result.status == 1)
        #expect(result.error.contains("error: expected ')' to end argument list of 'p', found end of input"))
        #expect(result.error.contains("  …") && result.error.contains("p(99999). p(oops"))
        #expect(result.error.split(separator: "\n").filter { $0.hasPrefix("  ") }.allSatisfy { $0.count < 130 })
        try write(facts + "\n", folder + "/long.rj")
        let loaded = try run(["run", "--no-default-kb", "--kb", folder + "/long.rj", "--format", "csv", "-e", "?- N = count : { p(X) }."])
        #expect(loaded.output == "N\r\n100000\r\n")
    }

    @Test func aMillionFactsLoad() throws {
        let folder = try ProcessRunner.temporaryFolder()
        var text = ""
        text.reserveCapacity(12_000_000)
        for index in 0..<1_000_000 { text += "f(\(index)).\n" }
        try write(text, folder + "/million.rj")
        let result = try run(["run", "--no-default-kb", "--kb", folder + "/million.rj", "--format", "csv",
                              "-e", "?- N = count : { f(X) }.", "-e", "?- f(999999)."])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "N\r\n1000000\r\nyes\r\n")
    }

    /// A ten-megabyte string loads and comes back whole.
    @Test func aTenMegabyteString() throws {
        let folder = try ProcessRunner.temporaryFolder()
        let long = String(repeating: "ab", count: 5_000_000)
        try write("s(\"\(long)\").\n", folder + "/string.rj")
        let result = try run(["run", "--no-default-kb", "--kb", folder + "/string.rj", "--format", "tsv", "-e", "?- s(X)."])
        #expect(result.status == 0)
        #expect(result.output == "X\r\n\(long)\r\n")
    }

    // MARK: Limits

    @Test func limitsOnTheCommandLine() throws {
        let folder = try ProcessRunner.temporaryFolder()
        try write("n(0).\nn(X) :- n(Y), X = Y + 1.\n", folder + "/n.rj")
        let facts = try run(["run", "--no-default-kb", "--kb", folder + "/n.rj", "--max-facts", "1000", "-e", "?- n(-1).", "-e", "?- X = 2."])
        #expect(facts.status == 1)
        #expect(facts.error.hasPrefix("<arg>:1:1: error: evaluation stopped: 'n/1' grew past the limit of 1000 derived facts\n"))
        #expect(facts.output.contains("| 2 |"))
        let time = try run(["run", "--no-default-kb", "--kb", folder + "/n.rj", "--max-facts", "0", "--timeout", "0.3", "-e", "?- n(-1)."])
        #expect(time.error.hasPrefix("<arg>:1:1: error: evaluation stopped after 0.3 s (the time limit) while deriving 'n/1'\n"))
        let bad = try run(["run", "--no-default-kb", "--timeout=-1", "-e", "?- X = 1."])
        #expect(bad.status == 2)
        #expect(bad.error.contains("--timeout must be 0 (no limit) or a number of seconds"))
    }

    /// A closure over 90,000 paths, an aggregate over 30,000 rows and a
    /// listing of every path: large enough to run in chunks, so the
    /// threads share the work; every thread count prints the same bytes.
    @Test func everyThreadCountPrintsTheSameAnswers() throws {
        let folder = try ProcessRunner.temporaryFolder()
        let edges = (0..<300).map { "edge(\($0), \(($0 + 1) % 300)).\nedge(\($0), \(($0 * 7 + 3) % 300)).\n" }.joined()
        let values = (0..<30_000).map { "v(\($0 % 97), \(Double($0) / 8)).\n" }.joined()
        try write(edges + values + "path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n", folder + "/graph.rj")
        let queries = ["-e", "?- N = count : { path(X, Y) }.", "-e", "?- S = sum V : { v(K, V), K > 10 }.", "-e", "?- path(X, Y), X < 3."]
        let runs = try [1, 2, 3].map { threads in
            try run(["run", "--no-default-kb", "--kb", folder + "/graph.rj", "--format", "csv", "--threads", String(threads)] + queries)
        }
        #expect(runs[0].status == 0)
        #expect(runs[0].output.hasPrefix("N\r\n90000\r\n"))
        #expect(runs[1].output == runs[0].output)
        #expect(runs[2].output == runs[0].output)
        for bad in ["0", "257", "two"] {
            let refused = try run(["run", "--no-default-kb", "--threads", bad, "-e", "?- X = 1."])
            #expect(refused.status == 2)
        }
        #expect(try run(["run", "--no-default-kb", "--threads", "0", "-e", "?- X = 1."]).error.contains("--threads must be a whole number from 1 to 256"))
    }

    // MARK: Paths

    @Test func badPathsNameThePath() throws {
        let folder = try ProcessRunner.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/empty", withIntermediateDirectories: true)
        try write("p(1).\n", folder + "/file.rj")
        let missing = try run(["run", "--no-default-kb", "--kb", folder + "/nowhere.rj", "-e", "?- X = 1."])
        #expect(missing.error == "error: cannot read '\(folder)/nowhere.rj': no such file or folder\n")
        #expect(missing.status == 1)
        let empty = try run(["run", "--no-default-kb", "--kb", folder + "/empty", "-e", "?- X = 1."])
        #expect(empty.error == "error: cannot read '\(folder)/empty': the folder holds no knowledge files (*.rj)\n")
        let through = try run(["run", "--no-default-kb", "--kb", folder + "/file.rj/more.rj", "-e", "?- X = 1."])
        #expect(through.error == "error: cannot read '\(folder)/file.rj/more.rj': a part of the path before the last is a file, not a folder\n")
        let script = try run(["run", "--no-default-kb", folder + "/empty"])
        #expect(script.error == "error: cannot read '\(folder)/empty': it is a folder\n")
        let writes = try run(["run", "--no-default-kb", "-"], input: """
            :output \(folder)/empty
            :once \(folder)/nowhere/x.csv
            :export dot \(folder)/file.rj/map.dot

            """)
        #expect(writes.error.contains("<stdin>:1:1: error: cannot write '\(folder)/empty': it is a folder"))
        #expect(writes.error.contains("<stdin>:2:1: error: cannot write '\(folder)/nowhere/x.csv': no such folder"))
        #expect(writes.error.contains("<stdin>:3:1: error: cannot write '\(folder)/file.rj/map.dot': '\(folder)/file.rj' is a file, not a folder"))
    }

    /// Special files the test makes: knowledge is read from regular files
    /// only (a FIFO would hang, a zero device never end); answers sent to a
    /// device go into it, which stays a device.
    @Test func specialFilesAreNeitherReadAsKnowledgeNorReplaced() throws {
        let folder = try ProcessRunner.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/kb", withIntermediateDirectories: true)
        try write("p(1).\n", folder + "/kb/a.rj")
        #expect(mkfifo(folder + "/kb/b.rj", 0o644) == 0)
        let fifo = try run(["run", "--no-default-kb", "--kb", folder + "/kb", "-e", "?- p(X)."])
        #expect(fifo.status == 1 && fifo.error == "error: cannot read '\(folder)/kb/b.rj': it is a FIFO, not a regular file\n")
        guard mknod(folder + "/zero", S_IFCHR | 0o666, dev_t(1 << 8 | 5)) == 0,
              mknod(folder + "/null", S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 else {
            Issue.record("cannot make device nodes here (errno \(errno)); the test needs root with CAP_MKNOD")
            return
        }
        let zero = try run(["run", "--no-default-kb", "--kb", folder + "/zero", "-e", "?- X = 1."])
        #expect(zero.status == 1 && zero.error == "error: cannot read '\(folder)/zero': it is a device, not a regular file\n")
        let output = try run(["run", "--no-default-kb", "-e", ":output \(folder)/null", "-e", "?- X = 1.", "-e", ":output"])
        #expect(output.status == 0 && output.error == "")
        var status = stat()
        lstat(folder + "/null", &status)
        #expect(status.st_mode & S_IFMT == S_IFCHR)
    }

    /// Standard output that cannot be written is one line on standard error
    /// and status 1 (a full device the test makes, a closed descriptor); a
    /// reader that stops early ends the program quietly.
    @Test func standardOutputFailuresAreErrorsNotTraps() throws {
        let folder = try ProcessRunner.temporaryFolder()
        let binary = ProcessRunner.rejoinder
        let query = "'?- value(gdp, A, Y, V).'"
        guard mknod(folder + "/full", S_IFCHR | 0o666, dev_t(1 << 8 | 7)) == 0 else {
            Issue.record("cannot make device nodes here (errno \(errno)); the test needs root with CAP_MKNOD")
            return
        }
        let full = try ProcessRunner.run(["-c", "\(binary) run -e \(query) > \(folder)/full"], executable: "/bin/sh")
        #expect(full.status == 1 && full.error == "rejoinder: cannot write to standard output: No space left on device\n")
        let closed = try ProcessRunner.run(["-c", "\(binary) run -e \(query) >&-"], executable: "/bin/sh")
        #expect(closed.status == 1 && closed.error == "rejoinder: cannot write to standard output: Bad file descriptor\n")
        let piped = try ProcessRunner.run(["-c", "set -o pipefail; \(binary) run -e \(query) | head -c 10"], executable: "/bin/bash")
        #expect(piped.status == 0 && piped.error == "" && piped.output.count == 10)
    }

    /// An unreadable file, as a user without the permission (the tests may
    /// run as root, who can read anything: then through `setpriv` as nobody,
    /// with a copy of the binary where nobody can run it).
    @Test func anUnreadableFileNamesThePath() throws {
        let folder = try ProcessRunner.temporaryFolder()
        try write("p(1).\n", folder + "/secret.rj")
        chmod(folder, 0o755)
        chmod(folder + "/secret.rj", 0o000)
        var arguments = ["run", "--no-default-kb", "--kb", folder + "/secret.rj", "-e", "?- p(X)."]
        var executable = ProcessRunner.rejoinder
        if getuid() == 0 {
            let copy = try ProcessRunner.copyOfBinary(in: folder)
            chmod(copy, 0o755)
            arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", copy] + arguments
            executable = "/usr/bin/setpriv"
        }
        let result = try ProcessRunner.run(arguments, executable: executable)
        #expect(result.error == "error: cannot read '\(folder)/secret.rj': permission denied\n")
        #expect(result.status == 1)
    }

    /// A script that ends while its answers still go to a file writes it.
    @Test func aPendingOutputIsWrittenWhenTheScriptEnds() throws {
        let folder = try ProcessRunner.temporaryFolder()
        let result = try run(["run", "--no-default-kb", "--format", "csv", "-"], input: ":output \(folder)/answers.csv\n?- X = 1.\n")
        #expect(result.status == 0)
        #expect(try String(contentsOfFile: folder + "/answers.csv", encoding: .utf8) == "X\r\n1\r\n")
        // The same script on standard input, without `run`.
        let piped = try run(["--no-default-kb", "--format", "csv"], input: ":output \(folder)/piped.csv\n?- X = 2.\n")
        #expect(piped.status == 0)
        #expect(try String(contentsOfFile: folder + "/piped.csv", encoding: .utf8) == "X\r\n2\r\n")
    }

    /// A `dot` that fails at once, without reading its input, is reported
    /// with what it said (no SIGPIPE death); one that floods its standard
    /// error before its output does not deadlock the export.
    @Test func graphvizFailuresAreReported() throws {
        let folder = try ProcessRunner.temporaryFolder()
        for (name, script) in [("failing", "#!/bin/sh\necho 'syntax error in line 1' >&2\nexit 3\n"),
                               ("verbose", "#!/bin/sh\nhead -c 300000 /dev/zero | tr '\\0' w >&2\ncat >/dev/null\necho '<svg/>'\n")] {
            try FileManager.default.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: true)
            try write(script, folder + "/\(name)/dot")
            chmod(folder + "/\(name)/dot", 0o755)
        }
        let environment = { (name: String) in ["PATH": folder + "/" + name + ":/usr/bin:/bin"] }
        let failed = try run(["export", "dot", "--svg", folder + "/map.svg"], environment: environment("failing"))
        #expect(failed.status == 1)
        #expect(failed.error == "error: dot failed (it exited with status 3): syntax error in line 1\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/map.svg"))
        let verbose = try run(["export", "dot", "--svg", folder + "/map.svg"], environment: environment("verbose"))
        #expect(verbose.status == 0, "\(verbose.error.prefix(200))")
        #expect(try String(contentsOfFile: folder + "/map.svg", encoding: .utf8) == "<svg/>\n")
    }

    /// A `dot` that never finishes is killed at `--dot-timeout`; the SVG
    /// file is checked before `dot` runs, and a read-only one is replaced
    /// only with `--force`.
    @Test func graphvizIsStoppedAtItsTimeLimit() throws {
        let folder = try ProcessRunner.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/bin", withIntermediateDirectories: true)
        try write("#!/bin/sh\nexec sleep 60\n", folder + "/bin/dot")
        chmod(folder + "/bin/dot", 0o755)
        let environment = ["PATH": folder + "/bin:/usr/bin:/bin"]
        let started = Date()
        let slow = try run(["export", "dot", "--svg", folder + "/map.svg", "--dot-timeout", "1"], environment: environment)
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(slow.status == 1)
        #expect(slow.error == "error: dot did not finish within 1 s and was stopped; --dot-timeout SECONDS gives it longer\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["bin"])
        try write("<svg>old</svg>\n", folder + "/map.svg")
        chmod(folder + "/map.svg", 0o444)
        try write("#!/bin/sh\ncat >/dev/null\necho '<svg/>'\n", folder + "/bin/dot")
        chmod(folder + "/bin/dot", 0o755)
        let refused = try run(["export", "dot", "--svg", folder + "/map.svg"], environment: environment)
        #expect(refused.status == 1)
        #expect(refused.error == "error: cannot write '\(folder)/map.svg': it is read-only (--force replaces it)\n")
        let forced = try run(["export", "dot", "--svg", folder + "/map.svg", "--force"], environment: environment)
        #expect(forced.status == 0, "\(forced.error)")
        #expect(try String(contentsOfFile: folder + "/map.svg", encoding: .utf8) == "<svg/>\n")
        let zero = try run(["export", "dot", "--svg", folder + "/map.svg", "--dot-timeout", "0"], environment: environment)
        #expect(zero.status != 0 && zero.error.contains("--dot-timeout must be a number of seconds above 0"))
    }

    /// Text from a file never reaches the terminal as control characters:
    /// values in tables, labels in `why`, echoed source lines and the
    /// tokens quoted in diagnostics are escaped, and the caret still sits
    /// under its token.
    @Test func controlCharactersAreShownEscaped() throws {
        let folder = try ProcessRunner.temporaryFolder()
        try write("claim c \"evil \\u{1B}[2J label\" { para: 3 }.\np(\"\u{1B}[31m\" x).\n", folder + "/ctl.rj")
        let result = try run(["run", "--no-default-kb", "--kb", folder + "/ctl.rj", "-e", "?- label(c, L).", "-e", "why is_a(c, claim)."])
        #expect(result.status == 1)
        #expect(!result.output.contains("\u{1B}") && !result.error.contains("\u{1B}"))
        #expect(result.error == """
        \(folder)/ctl.rj:2:11: error: expected ',' or ')' after argument of 'p', found 'x'
          p("\\u{1B}[31m" x).
                         ^
        \(folder)/ctl.rj:2:2: note: '(' opened here
          p("\\u{1B}[31m" x).
           ^

        """)
        let loaded = try run(["run", "--no-default-kb", "-e", "vocabulary(citation, para). claim c \"evil \\u{1B}[2J label\" { para: 3 }.", "-e", "?- label(c, L).", "-e", "why is_a(c, claim)."])
        #expect(loaded.output.contains("| evil \\u{1B}[2J label |"))
        #expect(loaded.output.contains("\"evil \\u{1B}[2J label\" ¶3"))
        #expect(!loaded.output.contains("\u{1B}"))
    }

    /// Ctrl-C during a script stops it: one line, status 130, for `run` and
    /// for a script on standard input alike.
    @Test func anInterruptEndsABatchWith130() throws {
        let folder = try ProcessRunner.temporaryFolder()
        try write("n(0). n(X) :- n(Y), Y < 100000000, X = Y + 1.\n?- N = max X : { n(X) }.\n?- X = 1.\n", folder + "/slow.rj")
        for arguments in [["run", "--no-default-kb", folder + "/slow.rj"], ["--no-default-kb"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ProcessRunner.rejoinder)
            process.arguments = arguments
            let input = Pipe(), output = Pipe(), errors = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            try input.fileHandleForWriting.write(contentsOf: Data(contentsOf: URL(fileURLWithPath: folder + "/slow.rj")))
            try input.fileHandleForWriting.close()
            usleep(800_000)
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
            #expect(process.terminationStatus == 130)
            #expect(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "\nrejoinder: interrupted\n")
            #expect(output.fileHandleForReading.readDataToEndOfFile().isEmpty)
        }
    }

    // MARK: Crash-safe files

    /// `:output` and `:export` files, rewritten again and again by a
    /// process killed at random moments: each is always absent, or one
    /// whole version.
    @Test func answerAndExportFilesSurviveAKill() throws {
        let folder = try ProcessRunner.temporaryFolder()
        try write((1...3000).map { "p(\($0))." }.joined(separator: "\n") + "\n", folder + "/p.rj")
        let answers = folder + "/answers.csv", export = folder + "/facts.json"
        let script = (1...60).map { round in
            ":output \(answers)\n?- p(X), X <= \(round * 50).\n:output\nq(\(round)).\n:export json \(export)\n"
        }.joined()
        var random = SeededGenerator(seed: 77)
        var checked = 0
        for _ in 0..<15 {
            try ProcessRunner.runAndKill(["run", "--no-default-kb", "--kb", folder + "/p.rj", "--format", "csv", "-"], input: script,
                                         after: UInt32.random(in: 30_000...900_000, using: &random))
            if let text = try? String(contentsOfFile: answers, encoding: .utf8) {
                let rows = text.split(separator: "\r\n")
                #expect(rows.first == "X" && rows.count % 50 == 1 && rows.last == Substring(String(rows.count - 1)),
                        "a torn answer file of \(rows.count) lines")
                checked += 1
            }
            if let data = FileManager.default.contents(atPath: export) {
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "a torn export of \(data.count) bytes")
            }
            for leftover in try FileManager.default.contentsOfDirectory(atPath: folder) where leftover.hasSuffix(".tmp") {
                try FileManager.default.removeItem(atPath: folder + "/" + leftover)
            }
        }
        #expect(checked > 0)
    }

    /// The history, saved after every entry at the prompt, killed at random
    /// moments: always the first k entries for some k, never torn.
    @Test func theHistorySurvivesAKill() throws {
        let home = try ProcessRunner.temporaryFolder()
        let environment = ["HOME": home, "XDG_STATE_HOME": home + "/state", "TERM": "xterm", "LANG": "C.UTF-8", "NO_COLOR": "1"]
        let history = home + "/state/rejoinder/history"
        var random = SeededGenerator(seed: 99)
        var checked = 0
        for _ in 0..<6 {
            try? FileManager.default.removeItem(atPath: history)
            let terminal = try PseudoTerminal(ProcessRunner.rejoinder, ["--no-default-kb"], environment: environment)
            try terminal.expect("rejoinder> ")
            usleep(100_000)
            terminal.type((1...400).map { "?- X = \($0).\r" }.joined())
            usleep(UInt32.random(in: 100_000...800_000, using: &random))
            kill(terminal.pid, SIGKILL)
            _ = terminal.waitForExit()
            guard let text = try? String(contentsOfFile: history, encoding: .utf8) else { continue }
            let entries = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(entries.last == "", "the history does not end with a newline")
            let expected = (1..<entries.count).map { "?- X = \($0)." }
            #expect(Array(entries.dropLast()) == expected.map { Substring($0) }, "a torn history:\n\(text)")
            checked += 1
        }
        #expect(checked > 0)
    }
}
