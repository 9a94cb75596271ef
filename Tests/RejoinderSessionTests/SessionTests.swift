import RejoinderRendering
@testable import RejoinderSession
import RejoinderSyntax
import Synchronization
import Testing

/// Collects what a session prints.
final class Transcript: Sendable {
    private let answers = Mutex("")
    private let errors = Mutex("")

    var output: SessionOutput {
        SessionOutput(answer: { text in self.answers.withLock { $0 += text } },
                      error: { text in self.errors.withLock { $0 += text } })
    }

    var answerText: String { answers.withLock { $0 } }
    var errorText: String { errors.withLock { $0 } }
}

func session(files: [String: String] = [:], bail: Bool = false) -> (Session, Transcript) {
    let transcript = Transcript()
    let session = Session(settings: Settings(bail: bail), output: transcript.output, fileReader: { path throws(FileReadError) in
        guard let text = files[path] else { throw FileReadError(path: path, reason: "no such file") }
        return [SourceFile(name: path, text: text)]
    })
    return (session, transcript)
}

@Suite struct SessionTests {
    @Test func scriptsRunStatementsAndMetaCommandsInOrder() {
        let (session, transcript) = session()
        session.run(SourceFile(name: "s.rj", text: """
        p(1). p(2).
        :format csv
        ?- p(X).
        :format json
        ?- p(X), X > 1.
        ?- p(3).
        """))
        #expect(transcript.answerText == "X\r\n1\r\n2\r\n[{\"X\":2}]\nfalse\n")
        #expect(transcript.errorText == "")
        #expect(!session.hadError)
    }

    @Test func aColonLineInsideAStatementContinuesIt() {
        let (session, transcript) = session()
        session.run(SourceFile(name: "s.rj", text: "p(1).\nq(X)\n  :- p(X).\n:format csv\n?- q(X).\n"))
        #expect(transcript.answerText == "X\r\n1\r\n")
    }

    @Test func errorsAreReportedInPlaceAndTheScriptGoesOn() {
        let (session, transcript) = session()
        session.settings.format = .csv
        session.run(SourceFile(name: "s.rj", text: """
        p(1).
        ?- p(X).
        ?- q(X).
        p(2) oops.
        ?- p(X).
        """))
        #expect(transcript.answerText == "X\r\n1\r\nX\r\n1\r\n")
        #expect(transcript.errorText == """
        s.rj:3:4: error: unknown predicate 'q/1'
          ?- q(X).
             ^
          help: did you mean 'p'?
        s.rj:4:6: error: expected ':-' or '.' after 'p', found 'oops'
          p(2) oops.
               ^~~~
          help: end a fact with '.', a rule's head with ':-', a query with '?'

        """)
        #expect(session.hadError)
    }

    /// A statement with a lexical error loads nothing, not an altered text;
    /// its neighbours on the same line still load.
    @Test func aStatementWithABadEscapeIsNotLoaded() {
        let (session, transcript) = session()
        session.settings.format = .csv
        session.run(SourceFile(name: "s.rj", text: "p(\"a\\qb\"). q(1).\n?- q(X).\n"))
        #expect(transcript.answerText == "X\r\n1\r\n")
        #expect(transcript.errorText.hasPrefix("s.rj:1:5: error: unknown escape in string"))
        #expect((session.knowledgeBase.summary(of: "p")?.factCount ?? 0) == 0)
    }

    /// `:load` in a script reads relative to the script's folder; at the
    /// prompt, as given. A path may be quoted for its spaces.
    /// A forgotten '.' is reported where it belongs, at the end of its
    /// statement, which is neither loaded nor run; the next line is read
    /// on its own and counts.
    @Test func aMissingPeriodBreaksOnlyItsOwnStatement() {
        let (session, transcript) = session()
        session.settings.format = .csv
        session.run(SourceFile(name: "s.rj", text: "p(1)\np(2).\n?- p(X)\n?- p(X).\n"))
        #expect(transcript.answerText == "X\r\n2\r\n")
        #expect(transcript.errorText == """
        s.rj:1:5: error: expected '.' at end of fact, found the next line
          p(1)
              ^
          help: insert '.' here
        s.rj:3:8: error: expected ',' or '.' after query literal, found the next line
          ?- p(X)
                 ^
          help: insert '.' here

        """)
    }

    /// A lowercase argument that nothing in the knowledge mentions is most
    /// often a variable: a warning says so, every time, and the query runs.
    @Test func aLowercaseVariableGetsAWarning() {
        let (session, transcript) = session()
        session.settings.format = .csv
        session.run(SourceFile(name: "k.rj", text: "standard criticism.\nmeets(russia, criticism, 2020).\n"))
        let query = "?- meets(russia, s, 2020).\n"
        session.run(SourceFile(name: "<prompt>", text: query + query + "?- meets(russia, criticism, Y), Y = \"s\".\n"))
        let warning = """
        <prompt>:1:18: warning: 's' is a constant that no fact or rule mentions
          ?- meets(russia, s, 2020).
                           ^
          help: did you mean the variable S?

        """
        #expect(transcript.errorText == warning + warning.replacingOccurrences(of: "<prompt>:1:", with: "<prompt>:2:"))
        #expect(transcript.answerText == "no\r\nno\r\nY\r\n")
    }

    /// The vocabulary at the prompt: `##` documentation shows in `:help
    /// NAME` and `:schema NAME`, `:kinds` lists entity kinds with their
    /// attributes, and a bad name gets the caret under it.
    @Test func theVocabularyIsDiscoverable() {
        let (session, transcript) = session()
        session.settings.format = .csv
        session.run(SourceFile(name: "k.rj", text: """
        ## likes(Person, Thing)
        ## Person likes Thing, in the
        ## view asked.
        likes(ann, tea).
        actor ann "Ann" { region: north }.
        ## nothing(X)
        ## Documents a relation that is not there.

        """))
        #expect(transcript.errorText == """
        k.rj:6:1: warning: '##' documents 'nothing', which no fact or rule defines
          ## nothing(X)
          ^~~~~~~~~~~~~

        """, "\(transcript.errorText)")
        session.run(SourceFile(name: "<prompt>", text: ":help likes\n:schema likes\n:kinds\n:schema liks\n"))
        #expect(transcript.answerText == """
        likes(Person, Thing)    # k.rj:1
          Person likes Thing, in the view asked.
        predicate,arguments,kind,facts,rules,first written at\r
        likes/2,"Person, Thing",facts,1,0,k.rj:4:1\r
        likes(Person, Thing)    # k.rj:1
          Person likes Thing, in the view asked.
        kind,entities,attributes\r
        actor,1,"label, likes, region"\r

        """)
        #expect(transcript.errorText.hasSuffix("""
        <prompt>:4:9: error: unknown predicate 'liks'
          :schema liks
                  ^~~~
          help: did you mean 'likes'?

        """))
    }

    @Test func loadInAScriptIsRelativeToTheScript() {
        let (session, transcript) = session(files: ["lessons/week 1/facts.rj": "r(7).\n", "facts.rj": "r(1).\n"])
        session.settings.format = .csv
        session.run(SourceFile(name: "lessons/week 1/main.rj", text: ":load facts.rj\n?- r(X).\n"))
        session.run(SourceFile(name: "<prompt>", text: ":load \"facts.rj\"\n?- r(X).\n"))
        #expect(transcript.answerText == "X\r\n7\r\nX\r\n1\r\n7\r\n")
        #expect(Session.words(#"dot "my maps/map.dot" wong"#) == ["dot", "my maps/map.dot", "wong"])
    }

    @Test func bailStopsAtTheFirstError() {
        let (session, transcript) = session(bail: true)
        session.settings.format = .csv
        let finished = session.run(SourceFile(name: "s.rj", text: "p(1).\n?- nope(X).\n?- p(X).\n"))
        #expect(!finished)
        #expect(transcript.answerText == "")
        #expect(transcript.errorText.hasPrefix("s.rj:2:4: error: unknown predicate 'nope/1'"))
    }

    @Test func goodDefinitionsLoadWhenANeighbourFails() {
        let (session, transcript) = session()
        session.settings.format = .csv
        session.run(SourceFile(name: "s.rj", text: "p(1).\np(X) :- q(Y).\nq(2).\n?- p(X).\n?- q(Y).\n"))
        #expect(transcript.answerText == "X\r\n1\r\nY\r\n2\r\n")
        #expect(transcript.errorText.hasPrefix("s.rj:2:3: error: variable 'X' in the head of 'p' is not bound by the body"))
    }

    @Test func unknownCommandsNameTheNearest() {
        let (session, transcript) = session()
        session.run(SourceFile(name: "<prompt>", text: ":fromat csv\n"))
        #expect(transcript.errorText == """
        <prompt>:1:1: error: unknown command ':fromat'
          :fromat csv
          ^~~~~~~
          help: did you mean ':format'?

        """)
        #expect(session.hadError)
    }

    @Test func loadIsAllOrNothing() {
        let (session, transcript) = session(files: ["good.rj": "r(1).", "bad.rj": "r(2).\nr(3) :- r(."])
        session.settings.format = .csv
        session.run(SourceFile(name: "<prompt>", text: ":load good.rj\n:load bad.rj\n:load missing.rj\n?- r(X).\n"))
        #expect(transcript.answerText == "X\r\n1\r\n")
        #expect(transcript.errorText.contains("loaded 1 file: 1 facts, 0 rules"))
        #expect(transcript.errorText.contains("bad.rj:2:11: error: expected an expression, found '.'"))
        #expect(transcript.errorText.contains("<prompt>:3:1: error: cannot read 'missing.rj': no such file"))
    }

    @Test func loadingAFileTwiceAddsNothing() {
        let (session, transcript) = session(files: ["k.rj": "source s.\np(1). p(2).\nq(X) :- p(X).\naccording to s: p(3).\n"])
        session.settings.format = .csv
        session.run(SourceFile(name: "<prompt>", text: ":load k.rj\n:load k.rj\n?- N = count : { q(X) } according to s.\n:list q\n"))
        #expect(transcript.errorText == "loaded 1 file: 4 facts, 1 rules\nloaded 1 file: 0 facts, 0 rules\n")
        #expect(transcript.answerText.hasPrefix("N\r\n3\r\n"))
        #expect(transcript.answerText.components(separatedBy: "q(X) :- p(X).").count == 2)
    }

    @Test func schemaListAndSources() {
        let (session, transcript) = session()
        session.settings.format = .csv
        session.run(SourceFile(name: "k.rj", text: """
        source wong "Ka Ho Wong".
        according to wong: partner(russia, china).
        ally(A, B) :- partner(A, B).
        :sources
        :schema ally
        :list partner
        :list ally
        """))
        #expect(transcript.answerText == """
        source,label\r
        wong,Ka Ho Wong\r
        predicate,arguments,kind,facts,rules,first written at\r
        ally/2,,rules,0,1,k.rj:3:1\r
        1,2,source\r
        russia,china,wong\r
        ally(A, B) :- partner(A, B).    # k.rj:3:1

        """)
    }

    /// `:check` runs the declared consistency checks in every view and the
    /// exercises' reference answers; a problem is an error, and the prompt
    /// goes on.
    @Test func checkRunsTheDeclaredConsistencyChecks() {
        let (session, transcript) = session()
        session.loadKnowledge([SourceFile(name: "k.rj", text: """
        source a "A". source b "B".
        claim x "X" { para: 3 }.
        claim y "Y" { para: 70 }.
        consistency_check far "A paragraph past the end" { relation: far }.
        according to b: far(C, P) :- para(C, P), P > 50.
        exercise e "Which claims?" { answer: "?- claim C.", hint: "h", topic: t, level: 1 }.
        """)])
        session.run(SourceFile(name: "<prompt>", text: ":check\n:check now\n?- claim x.\n"))
        #expect(transcript.answerText == """
        k.rj:4: far: A paragraph past the end
          according to b: y (¶70), 70
        consistency: 1 problem (1 check and 1 exercise answer)
        yes (according to all)

        """)
        #expect(transcript.errorText.contains("error: ':check' takes no argument"))
        #expect(session.hadError)
    }

    @Test func helpListsEveryCommand() {
        let (session, transcript) = session()
        session.run(SourceFile(name: "<prompt>", text: ":help\n"))
        for command in MetaCommand.allCases {
            #expect(transcript.answerText.contains(":\(command.rawValue)"))
        }
    }

    @Test func quitStopsTheScript() {
        let (session, transcript) = session()
        session.settings.format = .csv
        #expect(!session.run(SourceFile(name: "s.rj", text: "p(1).\n:quit\n?- p(X).\n")))
        #expect(transcript.answerText == "")
        #expect(session.wantsToQuit)
    }

    @Test func checkAnalysesQueriesWithoutRunningThem() {
        let (session, transcript) = session()
        let ok = session.checkKnowledge([SourceFile(name: "k.rj", text: "p(1).\n?- p(X).\n?- q(X).\nwhy p(2).\n:bogus\n")])
        #expect(!ok)
        #expect(transcript.answerText == "")
        #expect(transcript.errorText.contains("k.rj:3:4: error: unknown predicate 'q/1'"))
        #expect(transcript.errorText.contains("k.rj:5:1: error: unknown command ':bogus'"))
    }
}
