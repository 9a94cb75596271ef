import Foundation
import RejoinderEngine
@testable import RejoinderSession
import RejoinderSyntax
import RejoinderTestSupport
import Synchronization
import Testing

/// The course pack and the answer checking, on the shipped knowledge base.
@Suite struct ExerciseTests {
    /// One session over Knowledge/, loaded once for the suite.
    nonisolated(unsafe) static let shared: (Session, Transcript) = {
        let (session, transcript) = RejoinderSessionTests.session()
        let root = ProjectPaths.root() + "/Knowledge"
        let paths = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".rj") }.sorted()
        let files = paths.compactMap { path in FileManager.default.contents(atPath: root + "/" + path).map { SourceFile(name: "Knowledge/" + path, bytes: Array($0)) } }
        precondition(session.loadKnowledge(files), transcript.errorText)
        return (session, transcript)
    }()

    private var session: Session { Self.shared.0 }

    private func verdict(_ id: String, _ script: String) throws -> ExerciseVerdict {
        let exercise = try #require(session.exercises.first { $0.id == id })
        return session.checkSubmission(SourceFile(name: "answer.rj", text: script), for: exercise)
    }

    @Test func thePackHasEnoughExercisesAtEveryLevelAndTopic() {
        let exercises = session.exercises
        #expect(exercises.count >= 24)
        #expect(Set(exercises.map(\.level)) == [1, 2, 3, 4])
        #expect(exercises.allSatisfy { (2...3).contains($0.hints.count) && !$0.topic.isEmpty && !$0.task.isEmpty })
        let topics = Set(exercises.map(\.topic))
        for needed in ["perspectives", "standards", "indicators", "asymmetry", "explanations", "arguments", "q1", "q2", "q4"] {
            #expect(topics.contains(needed), "no exercise on \(needed)")
        }
    }

    @Test(arguments: ExerciseTests.shared.0.exercises.map(\.id))
    func everyReferenceAnswerPassesItsOwnCheck(id: String) throws {
        let exercise = try #require(session.exercises.first { $0.id == id })
        let result = session.checkSubmission(SourceFile(name: "reference.rj", text: exercise.answer), for: exercise)
        #expect(result.isCorrect, "\(id): \(result.message)")
    }

    @Test func correctAlternativeFormulationsPass() throws {
        // Columns in another order, the sources in another order.
        #expect(try verdict("ex08_russia_2020", "?- meets(russia, S, _Y), _Y = 2020 contrast wong, asan.").isCorrect)
        // Every view instead of one, when the answer is the same in each.
        #expect(try verdict("ex01_sources", "?- is_a(S, source) according to wong.").isCorrect)
        // A helper rule of one's own.
        #expect(try verdict("ex15_per_capita", """
        passes(Y) :- value(gdp_per_capita, china, Y, C), value(gdp_per_capita, russia, Y, R), C > R.
        first(Y) :- passes(Y), not passed_before(Y).
        passed_before(Y) :- passes(Y), passes(Z), Z < Y.
        ?- first(Y) according to asan.
        """).isCorrect)
        #expect(try verdict("ex12_nuclear", "?- V > 1000, value(nuclear_warheads, A, 2021, V) according to asan.").isCorrect)
    }

    @Test func hardCodedAnswersFailOnTheVariants() throws {
        let listed = try verdict("ex15_per_capita", "?- Y = 2020 according to asan.")
        #expect(listed.outcome == .spelledOut)
        #expect(listed.message.hasPrefix("not yet: your query gives the right rows on this knowledge base, but not when some facts are removed"))
        let asFacts = try verdict("ex12_nuclear", "nuclear_answer(russia, 4495).\nnuclear_answer(usa, 3708).\n?- nuclear_answer(A, V) according to asan.")
        #expect(asFacts.outcome == .spelledOut)
        let contrast = try verdict("ex08_russia_2020", "shown(criticism, no, yes).\nshown(policy_difference, no, yes).\n?- shown(S, A, W).")
        #expect(contrast.outcome != .correct)
    }

    /// Every exercise's reference rows, written out as literal facts in the
    /// views that hold them, with a query that lists them: the rows of the
    /// knowledge base itself, so only a variant that changes the answer can
    /// tell them apart from asking the question.
    @Test(arguments: ExerciseTests.shared.0.exercises.map(\.id))
    func theReferenceRowsWrittenOutAsFactsAreRefused(id: String) throws {
        let exercise = try #require(session.exercises.first { $0.id == id })
        let file = SourceFile(name: "reference.rj", text: exercise.answer)
        let statement = Parser.parse(file).statements.first
        // An explanation has no rows to write out.
        if case .explanation? = statement { return }
        guard case .query(let reference)? = statement else {
            Issue.record("\(id): the reference answer is not a query")
            return
        }
        // A copy of its own: cases run in parallel, and answering caches.
        let answer = try session.knowledgeBase.variant(seed: 0, family: .facts(fraction: 0)).answer(reference, in: file)
        let variables = answer.columns.indices.map { "V\($0)" }
        func atom(_ terms: [String]) -> String { terms.isEmpty ? "written_out" : "written_out(" + terms.joined(separator: ", ") + ")" }
        var script = ""
        for row in answer.rows {
            let fact = atom(row.values.map(\.sourceText)) + ".\n"
            let sources = answer.perspective.sources
            if sources.isEmpty || answer.perspective.isSingleView && row.holdsIn.isEmpty {
                script += (sources.first.map { "according to \($0): " } ?? "") + fact
            } else {
                for (source, holds) in zip(sources, row.holdsIn) where holds { script += "according to \(source): " + fact }
            }
        }
        let suffix: String
        switch answer.perspective {
        case .commonGround, .everySource: suffix = ""
        case .single(let source): suffix = " according to \(source)"
        case .contrast(let sources): suffix = " contrast " + sources.joined(separator: ", ")
        }
        script += "?- " + atom(variables) + suffix + ".\n"
        #expect(!answer.rows.isEmpty, "\(id): the reference gives no rows")
        let result = session.checkSubmission(SourceFile(name: "listed.rj", text: script), for: exercise)
        #expect(result.outcome == .spelledOut, "\(id): \(result.outcome.rawValue): \(result.message)\n\(script)")
    }

    /// Ctrl-C during a check stops it, on whichever variant it has reached:
    /// the variants share the knowledge base's control.
    @Test func cancellingStopsTheCheckOnAnyVariant() throws {
        let (session, _) = RejoinderSessionTests.session()
        // Limits far above what a cancelled check reaches, so that a check
        // the cancel misses fails the test instead of hanging it.
        session.knowledgeBase.limits = EvaluationLimits(maximumDerivedFacts: 0, timeLimit: 120)
        session.loadKnowledge([SourceFile(name: "k.rj", text: """
        n(0). n(X) :- n(Y), Y < 100000000, X = Y + 1.
        exercise slow "How far?" { answer: "?- N = max X : { n(X) }.", hint: "h", topic: t, level: 1 }.
        """)])
        let exercise = try #require(session.exercises.first)
        let control = session.knowledgeBase.control
        let finished = Atomic(false)
        // Each evaluation forgets a Ctrl-C pressed before it began, so press
        // it until the check gives up (a machine busy with other tests may
        // take a while to reach the first variant). A thread of its own, as
        // a signal handler would be: the check blocks the one it runs on.
        let canceller = Thread {
            while !finished.load(ordering: .relaxed) {
                usleep(200_000)
                control.cancel()
            }
        }
        canceller.start()
        let verdict = session.checkSubmission(SourceFile(name: "a.rj", text: "?- N = max X : { n(X) }."), for: exercise)
        finished.store(true, ordering: .relaxed)
        #expect(verdict.message == "the check was cancelled")
    }

    @Test func wrongAnswersNameTheMissingAndExtraRows() throws {
        #expect(try verdict("ex12_nuclear", "?- value(nuclear_warheads, A, 2021, V), V > 4000 according to asan.").message == """
        not yet: 1 row missing
          missing (according to asan): usa, 3708
        """)
        #expect(try verdict("ex12_nuclear", "?- value(nuclear_warheads, A, 2021, V), V > 300 according to asan.").message == """
        not yet: 1 extra
          extra (according to asan): china, 370
        """)
        #expect(try verdict("ex08_russia_2020", "?- meets(russia, S, 2020) according to wong.").message == "not yet: the question asks about asan too")
        #expect(try verdict("ex09_japan_independent", "?- independent(japan, Y), Y > 2014 according to asan.").message == """
        not yet: 2 rows missing
          missing (according to asan): 2013
          missing (according to asan): 2014
        """)
        #expect(try verdict("ex02_actors", "?- actor A, partner(A, B).").message == "not yet: the answer has 1 column, yours has 2")
        #expect(try verdict("ex02_actors", "?- actorr(A).").outcome == .invalid)
        #expect(try verdict("ex02_actors", "p(1).").message == "the script asks no query")
    }

    @Test func thePromptTracksHintsSolutionsAndProgress() throws {
        let folder = NSTemporaryDirectory() + "rejoinder-progress-" + UUID().uuidString
        let (session, transcript) = RejoinderSessionTests.session()
        session.loadKnowledge([SourceFile(name: "k.rj", text: """
        p(1). p(2).
        exercise e1 "Which p?" { answer: "?- p(X).", hint: "first", hint_2: "second", topic: t, level: 1 }.
        exercise e2 "Two?" { answer: "?- p(2).", hint: "one", hint_2: "two", topic: t, level: 1 }.
        """)])
        session.progress = ProgressStore(path: folder + "/progress.json")
        session.settings.format = .csv
        session.run(SourceFile(name: "<prompt>", text: """
        :solution
        :exercise e1
        :solution
        :hint
        :hint
        :hint
        ?- p(X), X < 2.
        :solution
        ?- p(X).
        :next
        :exercise
        """))
        #expect(transcript.answerText == """
        e1 (level 1, t)
        Which p?
        Your next query is checked against the answer; :hint gives a hint (2 in all).
        Try a query first; :hint helps.
        Hint 1 of 2: first
        Hint 2 of 2: second
        No more hints. :solution shows the answer once you have tried.
        X\r
        1\r
        ✗ not yet: 1 row missing
          missing: 2
          Try again; :hint for a hint.
        A reference answer: ?- p(X).
        X\r
        1\r
        2\r
        ✓ correct: e1 is done. :next for the next exercise.
        e2 (level 1, t)
        Two?
        Your next query is checked against the answer; :hint gives a hint (2 in all).
        status,exercise,level,topic,task\r
        done,e1,1,t,Which p?\r
        open,e2,1,t,Two?\r

        """)
        #expect(transcript.errorText.hasPrefix("<prompt>:1:1: error: no exercise is open"))
        let stored = try JSONDecoder().decode(ProgressStore.State.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/progress.json")))
        #expect(stored.done == ["e1"] && stored.attempts == ["e1": 2] && stored.hintsShown == ["e1": 2])
        // A new session picks the progress up.
        #expect(ProgressStore(path: folder + "/progress.json").isDone("e1"))
    }
}
