import RejoinderEngine
import RejoinderRendering
import RejoinderSyntax

/// Exercises at the prompt: `:exercise` lists them, `:exercise ID` starts
/// one and the next query is checked; `:hint`, `:solution`, `:next`.
extension Session {
    /// The exercises of the knowledge base, in course order.
    public var exercises: [Exercise] { Exercise.all(in: knowledgeBase) }

    /// Checks a query as an answer to an exercise.
    public func check(_ exercise: Exercise, query: Query, in file: SourceFile, definitions: [SyntaxTree] = []) -> ExerciseVerdict {
        ExerciseChecker(knowledgeBase: knowledgeBase).check(exercise, query: query, in: file, definitions: definitions)
    }

    func checkAnswer(to exercise: Exercise, query: Query, in file: SourceFile) {
        report(check(exercise, query: query, in: file), on: exercise)
    }

    /// A `why` at the prompt during an exercise is a try too: it counts for
    /// `:solution`, and answers an exercise that asks for an explanation.
    func checkAnswer(to exercise: Exercise, explanation: Explanation) {
        report(ExerciseChecker(knowledgeBase: knowledgeBase).check(exercise, explanation: explanation), on: exercise)
    }

    private func report(_ verdict: ExerciseVerdict, on exercise: Exercise) {
        recordAttempt(at: exercise, correct: verdict.isCorrect)
        if verdict.isCorrect {
            currentExercise = nil
            emit("✓ correct: \(exercise.id) is done. :next for the next exercise.\n")
        } else {
            emit("✗ " + verdict.message + "\n" + (verdict.outcome == .invalid ? "" : "  Try again; :hint for a hint.\n"))
        }
    }

    /// Counts one try at `exercise` in the progress, as done when correct:
    /// at the prompt, and for `rejoinder exercise check` alike.
    public func recordAttempt(at exercise: Exercise, correct: Bool) {
        recordProgress { state in
            state.attempts[exercise.id, default: 0] += 1
            if correct && !state.done.contains(exercise.id) { state.done.append(exercise.id) }
        }
        attempts[exercise.id, default: 0] += 1
        if correct { doneInMemory.insert(exercise.id) }
    }

    private func recordProgress(_ change: (inout ProgressStore.State) -> Void) {
        guard let progress else { return }
        do {
            try progress.update(change)
        } catch {
            reportNotice("progress: \(error.message)")
        }
        if let warning = progress.takeWarning() { reportNotice("warning: \(warning)") }
    }

    private func isDone(_ id: String) -> Bool {
        progress?.isDone(id) ?? doneInMemory.contains(id)
    }

    func listExercises(span: SourceSpan) -> Bool {
        let rows = exercises.map { exercise in
            Answer.Row(values: [.symbol(isDone(exercise.id) ? "done" : "open"), .symbol(exercise.id), .integer(Int64(exercise.level)),
                                .symbol(exercise.topic), .symbol(exercise.task)], holdsIn: [])
        }
        return printAnswer(Answer(columns: ["status", "exercise", "level", "topic", "task"], perspective: .commonGround, rows: rows),
                           before: nil, for: span)
    }

    /// `rejoinder exercise show ID`: the id is looked up as it is, never
    /// read as a script (a newline in it runs nothing).
    @discardableResult
    public func showExercise(id: String) -> Bool {
        guard let exercise = exercise(id: id, at: Self.argumentSpan(id)) else { return false }
        show(exercise, atPrompt: false)
        return true
    }

    /// Where a word given on the command line is, for diagnostics.
    public static func argumentSpan(_ text: String) -> SourceSpan {
        SourceSpan(file: SourceFile(name: "<arg>", text: text), range: SourceRange(start: 0, end: text.utf8.count))
    }

    func startExercise(_ id: String, span: SourceSpan) -> Bool {
        guard let exercise = exercise(id: id, at: span) else { return false }
        show(exercise)
        return true
    }

    func startNextExercise(span: SourceSpan) -> Bool {
        let all = exercises
        let start = (currentExercise ?? lastExercise).flatMap { current in all.firstIndex { $0.id == current.id } }.map { $0 + 1 } ?? 0
        guard let next = (all[min(start, all.count)...] + all[..<min(start, all.count)]).first(where: { !isDone($0.id) }) else {
            emit("Every exercise is done.\n")
            currentExercise = nil
            return true
        }
        show(next)
        return true
    }

    /// The task, and how to answer it: at the prompt, the next query; on
    /// the command line, a saved script.
    private func show(_ exercise: Exercise, atPrompt: Bool = true) {
        currentExercise = exercise
        lastExercise = exercise
        let status = isDone(exercise.id) ? ", done" : ""
        let how = atPrompt
            ? "Your next query is checked against the answer; :hint gives a hint (\(exercise.hints.count) in all)."
            : "Save your query in a script and check it with 'rejoinder exercise check \(exercise.id) SCRIPT';\n"
                + "'rejoinder exercise hint \(exercise.id)' gives the next hint (\(exercise.hints.count) in all)."
        emit("""
            \(exercise.id) (level \(exercise.level), \(exercise.topic)\(status))
            \(exercise.task)
            \(how)

            """)
    }

    func showHint(span: SourceSpan) -> Bool {
        guard let exercise = currentExercise else { return noExercise(span) }
        showHint(of: exercise, number: nil)
        return true
    }

    /// Hint `number` (from 1) of an exercise, or the next one not yet seen;
    /// `rejoinder exercise hint ID [N]` and `:hint`.
    public func showHint(of exercise: Exercise, number: Int?) {
        let shown = progress?.state.hintsShown[exercise.id] ?? hintsInMemory[exercise.id] ?? 0
        let index = number.map { $0 - 1 } ?? shown
        guard exercise.hints.indices.contains(index) else {
            if number != nil {
                emit("\(exercise.id) has \(exercise.hints.count) hint\(exercise.hints.count == 1 ? "" : "s").\n")
            } else {
                emit("No more hints. :solution shows the answer once you have tried.\n")
            }
            return
        }
        emit("Hint \(index + 1) of \(exercise.hints.count): \(exercise.hints[index])\n")
        guard index + 1 > shown else { return }
        hintsInMemory[exercise.id] = index + 1
        recordProgress { $0.hintsShown[exercise.id] = max($0.hintsShown[exercise.id] ?? 0, index + 1) }
    }

    /// `:tour [N]` and `rejoinder tour`: step N (from 1), or the one after
    /// the last shown; its question, then its query and `why` run as if
    /// typed. Returns whether there was such a step.
    @discardableResult
    public func showTourStep(_ number: Int? = nil) -> Bool {
        let steps = TourStep.all(in: knowledgeBase)
        let index = number.map { $0 - 1 } ?? tourPosition
        guard steps.indices.contains(index) else {
            emit(steps.isEmpty ? "The knowledge base has no tour.\n"
                 : "That was the tour (\(steps.count) steps; :tour 1 starts again). :exercise lists the exercises, :help the commands.\n")
            tourPosition = 0
            return false
        }
        let step = steps[index]
        let paragraphs = step.paragraphs.map { "¶" + $0 }.joined(separator: ", ")
        emit("\nStep \(index + 1) of \(steps.count)" + (paragraphs.isEmpty ? "" : " (\(paragraphs))") + ": \(step.question)\n\n\(step.query)\n")
        run(SourceFile(name: "<tour>", text: step.query + "\n"))
        emit("\n\(step.why)\n")
        run(SourceFile(name: "<tour>", text: step.why + "\n"))
        tourPosition = index + 1
        return true
    }

    /// The exercise with this id, or nil after an error naming the nearest.
    public func exercise(id: String, at span: SourceSpan) -> Exercise? {
        guard let exercise = exercises.first(where: { $0.id == id }) else {
            let nearest = nearestName(to: id, among: exercises.map(\.id))
            reportDiagnostic(.error("unknown exercise '\(id)'", at: span, help: nearest.map { "did you mean '\($0)'?" } ?? "type :exercise for the list"))
            return nil
        }
        return exercise
    }

    func showSolution(span: SourceSpan) -> Bool {
        guard let exercise = currentExercise else { return noExercise(span) }
        let tries = max(progress?.state.attempts[exercise.id] ?? 0, attempts[exercise.id] ?? 0)
        guard tries > 0 else {
            emit("Try a query first; :hint helps.\n")
            return true
        }
        emit("A reference answer: \(exercise.answer)\n")
        return true
    }

    private func noExercise(_ span: SourceSpan) -> Bool {
        reportDiagnostic(.error("no exercise is open", at: span, help: "start one with :exercise ID, or :next"))
        return false
    }
}
