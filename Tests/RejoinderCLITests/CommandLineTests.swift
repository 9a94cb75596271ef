import Foundation
import RejoinderTestSupport
import Testing

/// The built binary, end to end: exit codes, formats, files, standard input.
@Suite struct CommandLineTests {
    private func run(_ arguments: [String], input: String = "", environment: [String: String] = [:], directory: String? = nil) throws -> ProcessRunner.Result {
        try ProcessRunner.run(arguments, input: input, environment: environment, directory: directory)
    }

    @Test func answersGoToStandardOutput() throws {
        let result = try run(["run", "--no-default-kb", "-e", "?- X = 1 + 1, Y = \"a b\"."])
        #expect(result.status == 0)
        #expect(result.output == "+---+-----+\n| X | Y   |\n+---+-----+\n| 2 | a b |\n+---+-----+\n(1 row)\n")
        #expect(result.error == "")
    }

    @Test(arguments: [
        ("table", "+---+\n| X |\n+---+\n| 1 |\n| 2 |\n+---+\n(2 rows)\n"),
        ("csv", "X\r\n1\r\n2\r\n"),
        ("tsv", "X\r\n1\r\n2\r\n"),
        ("json", "[{\"X\":1},{\"X\":2}]\n"),
        ("markdown", "| X |\n|---|\n| 1 |\n| 2 |\n"),
    ])
    func eachFormat(format: String, expected: String) throws {
        let result = try run(["run", "--no-default-kb", "--format", format, "-e", "p(1). p(2).", "-e", "?- p(X)."])
        #expect(result.status == 0)
        #expect(result.output == expected)
    }

    @Test func jsonIsOneValuePerAnswerPerLine() throws {
        let result = try run(["run", "--no-default-kb", "--format", "json", "-"], input: "p(1).\n?- p(X).\n?- p(1).\n?- p(2).\n")
        #expect(result.output == "[{\"X\":1}]\ntrue\nfalse\n")
    }

    /// `rejoinder af` speaks the competition's interface: `w` lines,
    /// `YES`/`NO`, `NO` when there is no extension, both file formats.
    @Test func theSolverInterfaceAnswersAsTheCompetitionDoes() throws {
        let folder = try ProcessRunner.temporaryFolder()
        try "arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,a).\natt(b,c).\n".write(toFile: folder + "/f.apx", atomically: true, encoding: .utf8)
        try "p af 3\n1 2\n2 3\n3 1\n".write(toFile: folder + "/odd.i23", atomically: true, encoding: .utf8)
        func af(_ arguments: String...) throws -> String { try ProcessRunner.run(["af"] + arguments).output }
        #expect(try af("-p", "EE-PR", "-f", folder + "/f.apx") == "w a c\nw b\n")
        #expect(try af("-p", "SE-GR", "-f", folder + "/f.apx") == "w\n")
        #expect(try af("-p", "CE-CO", "-f", folder + "/f.apx") == "3\n")
        #expect(try af("-p", "DC-ST", "-f", folder + "/f.apx", "-a", "c") == "YES\n")
        #expect(try af("-p", "DS-PR", "-f", folder + "/f.apx", "-a", "c") == "NO\n")
        #expect(try af("-p", "SE-ST", "-f", folder + "/odd.i23") == "NO\n")
        #expect(try af("-p", "EE-CO", "-fo", "i23", "-f", folder + "/odd.i23") == "w\n")
        #expect(try af("--formats") == "[apx,i23]\n")
        #expect(try af("--problems").hasPrefix("[SE-GR,SE-CO,SE-PR,SE-ST,EE-GR,"))
        let unknown = try ProcessRunner.run(["af", "-p", "XX-PR", "-f", folder + "/f.apx"])
        #expect(unknown.status != 0 && unknown.error.contains("unknown problem 'XX-PR'"))
    }

    /// `actor(A)` for `actor A`: the arity error says how to ask for the
    /// entities of a kind.
    @Test func aKindAskedAsAPredicateGetsThePattern() throws {
        let result = try ProcessRunner.run(["run", "-e", "?- actor(A)."])
        #expect(result.status == 1)
        #expect(result.error.hasSuffix("help: 'actor' takes 2 arguments; to ask for the entities of kind actor, write 'actor X'\n"))
    }

    /// `-e` takes a query without its final '.', as `psql -c` does; a
    /// trailing comment cannot swallow the '.' added.
    @Test func dashETakesAQueryWithoutItsPeriod() throws {
        let result = try ProcessRunner.run(["run", "--no-default-kb", "--format", "csv", "-e", "p(1)", "-e", "?- p(X)", "-e", "?- p(1) # yes?"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "X\r\n1\r\nyes\r\n")
        let unfinished = try ProcessRunner.run(["run", "--no-default-kb", "-e", "?- p("])
        #expect(unfinished.status == 1 && unfinished.error.hasPrefix("<arg>:1:6: error: expected an expression, found end of input"))
    }

    /// A script's answers can be lined up with its queries: `--echo`
    /// prints each query first (a JSON string in json), and in json every
    /// query is one line, `null` when it fails or cannot be read.
    @Test func echoAndOneJSONLinePerQuery() throws {
        let folder = try ProcessRunner.temporaryFolder()
        try "source a. source b.\np(1). according to a: p(2).\n".write(toFile: folder + "/k.rj", atomically: true, encoding: .utf8)
        let script = "?- p(X) according to a.\n?- q(X).\n?- p(3) according to b.\n?- p(.\n?- p(X) contrast a, b differing.\n"
        let json = try ProcessRunner.run(["run", "--no-default-kb", "--kb", folder + "/k.rj", "--format", "json", "-"], input: script)
        #expect(json.output == """
        [{"X":1},{"X":2}]
        null
        false
        null
        [{"X":2,"a":true,"b":false}]

        """)
        let echoed = try ProcessRunner.run(["run", "--no-default-kb", "--kb", folder + "/k.rj", "--format", "csv", "--echo", "-e", "?- p(X) contrast a, b differing"])
        #expect(echoed.output == "?- p(X) contrast a, b differing.\nX,a,b\r\n2,yes,no\r\n")
        let echoedJSON = try ProcessRunner.run(["run", "--no-default-kb", "--kb", folder + "/k.rj", "--format", "json", "-"], input: ":echo on\n?- p(1).\n")
        #expect(echoedJSON.output == "\"?- p(1).\"\n[{\"according to\":[\"a\",\"b\"]}]\n")
        // The note on disagreeing views is for a person at a terminal.
        let piped = try ProcessRunner.run(["run", "--no-default-kb", "--kb", folder + "/k.rj", "-e", "?- p(X)."])
        #expect(piped.output.hasSuffix("(2 rows)\n") && !piped.output.contains("disagree"))
    }

    /// `check` sees what `run` sees: the shipped base is there unless
    /// `--no-default-kb`, so an answer script over it checks clean.
    @Test func checkLoadsTheShippedBaseByDefault() throws {
        let folder = try ProcessRunner.temporaryFolder()
        try "?- meets(russia, S, 2020) according to wong.\n:format csv\n".write(toFile: folder + "/answer.rj", atomically: true, encoding: .utf8)
        let clean = try ProcessRunner.run(["check", folder + "/answer.rj"])
        #expect(clean.status == 0 && clean.error == "", "\(clean.error)")
        let bare = try ProcessRunner.run(["check", "--no-default-kb", folder + "/answer.rj"])
        #expect(bare.status == 1 && bare.error.contains("error: unknown source 'wong'"))
    }

    @Test func inputErrorsExitWithOneAndGoToStandardError() throws {
        let result = try run(["run", "--no-default-kb", "-e", "?- p(X"])
        #expect(result.status == 1)
        #expect(result.output == "")
        #expect(result.error.hasPrefix("<arg>:1:7: error: expected ')' to end argument list of 'p', found end of input\n"))
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try run(["run", "--no-default-kb"]).status == 2)
        #expect(try run(["run", "--bogus-flag", "x.rj"]).status == 2)
        #expect(try run(["run", "--format", "xml", "-e", "p."]).status == 2)
        #expect(try run(["frobnicate"]).status == 2)
    }

    @Test func bailStopsAtTheFirstError() throws {
        let script = "?- nope(X).\np(1).\n?- p(X).\n"
        let going = try run(["run", "--no-default-kb", "--format", "csv", "-"], input: script)
        #expect(going.status == 1 && going.output == "X\r\n1\r\n")
        let stopped = try run(["run", "--no-default-kb", "--format", "csv", "--bail", "-"], input: script)
        #expect(stopped.status == 1 && stopped.output == "")
    }

    @Test func scriptsFromFilesAndMissingFiles() throws {
        let folder = try ProcessRunner.temporaryFolder()
        try "q(7).\n?- q(X).\n".write(toFile: folder + "/s.rj", atomically: true, encoding: .utf8)
        let result = try run(["run", "--no-default-kb", "--format", "csv", folder + "/s.rj", folder + "/missing.rj"])
        #expect(result.output == "X\r\n7\r\n")
        #expect(result.error == "error: cannot read '\(folder)/missing.rj': no such file or folder\n")
        #expect(result.status == 1)
    }

    @Test func checkReportsEveryErrorAndExitsWithOne() throws {
        let folder = try ProcessRunner.temporaryFolder()
        try "p(1).\nq(X) :- p(X), not r(Y).\nr(1, 2, 3\n".write(toFile: folder + "/bad.rj", atomically: true, encoding: .utf8)
        try "p(1).\n?- p(X).\n".write(toFile: folder + "/good.rj", atomically: true, encoding: .utf8)
        let bad = try run(["check", folder + "/bad.rj"])
        #expect(bad.status == 1)
        #expect(bad.error.contains("bad.rj:3:10: error: expected ')' to end argument list of 'r', found end of input"))
        let good = try run(["check", folder + "/good.rj"])
        #expect(good.status == 0 && good.output == "" && good.error == "")
    }

    @Test func aBrokenKnowledgeFolderLoadsNothing() throws {
        let folder = try ProcessRunner.temporaryFolder()
        try "p(1).\n".write(toFile: folder + "/a.rj", atomically: true, encoding: .utf8)
        try "p(2) :- .\n".write(toFile: folder + "/b.rj", atomically: true, encoding: .utf8)
        try "q(X) :- p(X), Y > 1.\n".write(toFile: folder + "/c.rj", atomically: true, encoding: .utf8)
        let result = try run(["run", "--no-default-kb", "--kb", folder, "-e", "?- p(X)."])
        #expect(result.status == 1)
        #expect(result.output == "")
        // Every error of every file, then nothing loaded (so no answer).
        #expect(result.error.contains("b.rj:1:9: error: expected a literal"))
        #expect(result.error.contains("c.rj:1:15: error: variable 'Y' in a comparison is not bound by a positive literal"))
    }

    @Test func theDefaultKnowledgeBaseTravelsWithTheBinary() throws {
        let folder = try ProcessRunner.temporaryFolder()
        let copy = try ProcessRunner.copyOfBinary(in: folder)
        let result = try ProcessRunner.run(["run", "--format", "csv", "-e", "?- source S according to wong."], executable: copy, directory: folder)
        #expect(result.status == 0)
        #expect(result.output == "S\r\nasan\r\nwong\r\n")
    }

    @Test func rejoinderKBOverridesTheDefault() throws {
        let folder = try ProcessRunner.temporaryFolder()
        try "source mine.\nfact_of(mine).\n".write(toFile: folder + "/k.rj", atomically: true, encoding: .utf8)
        let result = try run(["run", "--format", "csv", "-e", "?- source S according to mine."], environment: ["REJOINDER_KB": folder])
        #expect(result.output == "S\r\nmine\r\n")
    }

    @Test func pipedInputRunsAsAScriptWithoutPrompt() throws {
        let result = try run(["--no-default-kb", "--format", "csv"], input: "p(1).\n?- p(X).\n")
        #expect(result.status == 0)
        #expect(result.output == "X\r\n1\r\n")
        #expect(result.error == "")
    }
}

/// Programs that established Datalog engines reject are rejected here too,
/// each with exit status 1 and a located diagnostic.
@Suite struct RejectedProgramTests {
    @Test(arguments: [
        ("p(1, 2).\np(1).\n", "bad.rj:2:1: error: arity mismatch: p/1 here, p/2 at bad.rj:1:1"),
        ("q(1).\np(X, Y) :- q(X).\n", "bad.rj:2:6: error: variable 'Y' in the head of 'p' is not bound by the body"),
        ("q(1).\np(X) :- q(X), not r(Y).\nr(1).\n", "bad.rj:2:21: error: variable 'Y' in a negated atom is not bound by a positive literal"),
        ("q(1).\np(_) :- q(1).\n", "bad.rj:2:3: error: '_' cannot appear in the head of a rule"),
        ("q(1).\np(X) :- q(X), not s(X).\ns(X) :- p(X).\n", "bad.rj:2:15: error: negation cycle: p/1 -> not s/1 -> p/1"),
    ])
    func exitsWithOneAndALocatedDiagnostic(program: String, firstLine: String) throws {
        let folder = try ProcessRunner.temporaryFolder()
        try program.write(toFile: folder + "/bad.rj", atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run(["run", "--no-default-kb", "--kb", "bad.rj", "-e", "?- q(X)."], directory: folder)
        #expect(result.status == 1)
        #expect(result.output == "")
        #expect(result.error.hasPrefix(firstLine + "\n"), "\(result.error)")
    }

    /// A view with no stable extension says so with the answer: under the
    /// table, or on standard error when the format is data.
    @Test func noStableExtensionIsNotedWithTheAnswer() throws {
        let program = "vocabulary(argument, claim). vocabulary(attack, rebuts). claim a. claim b. claim c. rebuts(a, b). rebuts(b, c). rebuts(c, a)."
        let note = "note: in the common ground, the attack graph has no stable extension: no argument is credulously or skeptically accepted under stable semantics\n"
        let table = try ProcessRunner.run(["run", "--no-default-kb", "-e", program, "-e", "?- credulous(X, stable)."])
        #expect(table.output == "+---+\n| X |\n+---+\n+---+\n(0 rows)\n" + note)
        let csv = try ProcessRunner.run(["run", "--no-default-kb", "--format", "csv", "-e", program, "-e", "?- credulous(X, stable)."])
        #expect(csv.output == "X\r\n" && csv.error == note)
    }
}
