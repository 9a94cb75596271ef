import RejoinderEngine
import RejoinderRendering
import RejoinderSyntax

/// One session: a knowledge base, its settings, and the execution of
/// scripts, prompt entries and meta-commands. Text goes in, answers and
/// diagnostics come out through `output`; nothing here knows about
/// terminals, so everything can be tested with strings.
public final class Session {
    public let knowledgeBase: KnowledgeBase
    public var settings: Settings
    public var output: SessionOutput
    /// Whether any error has been reported (the exit code of `run`).
    public private(set) var hadError = false
    /// Set by `:quit`; the caller stops reading input.
    public private(set) var wantsToQuit = false
    /// Pages answers taller than the terminal; set by the prompt.
    public var pager: AnswerPager?
    /// Where answers go instead of `output` after `:output` or `:once`.
    var redirect: Redirect?
    /// The exercise whose answer the next query is (after `:exercise ID`).
    var currentExercise: Exercise?
    /// The exercise last shown, from which `:next` goes on.
    var lastExercise: Exercise?
    /// Where exercise progress is kept; nil keeps it in memory only.
    public var progress: ProgressStore?
    /// Progress of this session when there is no store.
    var attempts: [String: Int] = [:]
    var hintsInMemory: [String: Int] = [:]
    var doneInMemory: Set<String> = []
    /// The tour step `:tour` shows next (from 0).
    var tourPosition = 0
    /// How many `:read` scripts are running inside one another.
    var readDepth = 0
    static let maximumReadDepth = 16
    /// Reads files for `:load`; the command line passes one reading the
    /// file system, tests one reading strings.
    public var fileReader: (String) throws(FileReadError) -> [SourceFile]

    public init(knowledgeBase: KnowledgeBase = KnowledgeBase(), settings: Settings = Settings(), output: SessionOutput,
                fileReader: @escaping (String) throws(FileReadError) -> [SourceFile] = { path throws(FileReadError) in throw FileReadError(path: path, reason: "reading files is not available here") }) {
        self.knowledgeBase = knowledgeBase
        self.settings = settings
        self.output = output
        self.fileReader = fileReader
    }

    // MARK: Knowledge

    /// Loads knowledge files all together: if any has an error, every
    /// error is reported and none of them is loaded. Queries and
    /// meta-commands in the files are not run. Returns whether it loaded.
    @discardableResult
    public func loadKnowledge(_ files: [SourceFile]) -> Bool {
        loadKnowledgeReporting(files) != nil
    }

    /// Loads as `loadKnowledge` does; what was loaded, and how many queries
    /// and meta-commands were passed over, or nil when nothing loaded.
    func loadKnowledgeReporting(_ files: [SourceFile]) -> (report: LoadReport, commands: Int)? {
        var commands = 0
        let segments = files.flatMap { file in
            ScriptReader.units(of: file).compactMap { unit -> (file: SourceFile, range: SourceRange)? in
                switch unit {
                case .statements(let range): return (file, range)
                case .command: commands += 1
                }
                return nil
            }
        }
        do {
            let report = try knowledgeBase.load(segments)
            report.warnings.forEach(reportDiagnostic)
            return (report, commands)
        } catch {
            error.diagnostics.forEach(reportDiagnostic)
            return nil
        }
    }

    /// `rejoinder check`: loads the files together and then analyses their
    /// queries, explanations and meta-commands without running them.
    /// Returns whether no error was found.
    public func checkKnowledge(_ files: [SourceFile]) -> Bool {
        let parsed = files.map(ScriptReader.parse)
        guard loadKnowledge(files) else { return false }
        var succeeded = true
        for script in parsed {
            for (text, span) in script.commands where !isKnownCommand(text, at: span) {
                succeeded = false
            }
            for tree in script.trees {
                for statement in tree.statements {
                    let diagnostics: [Diagnostic]
                    switch statement {
                    case .query(let query):
                        diagnostics = knowledgeBase.check(query, in: tree.file)
                    case .explanation(let explanation):
                        let query = Query(body: [.atom(explanation.atom)], suffix: explanation.perspective.map(PerspectiveSuffix.accordingTo), range: explanation.range)
                        diagnostics = knowledgeBase.check(query, in: tree.file)
                    case .definition:
                        diagnostics = []
                    }
                    diagnostics.forEach(reportDiagnostic)
                    if diagnostics.contains(where: \.isError) { succeeded = false }
                }
            }
        }
        for exercise in exercises where !checkReferenceAnswer(of: exercise, among: files) {
            succeeded = false
        }
        return succeeded
    }

    /// An exercise's reference answer must be a query that runs and gives
    /// at least one row; otherwise it is reported at the exercise.
    func checkReferenceAnswer(of exercise: Exercise, among files: [SourceFile]) -> Bool {
        let answerFile = SourceFile(name: "<answer of \(exercise.id)>", text: exercise.answer)
        let tree = Parser.parse(answerFile)
        var problem: String?
        var details: [Diagnostic] = tree.diagnostics
        if tree.diagnostics.isEmpty {
            switch tree.statements.first {
            case .query(let query)? where tree.statements.count == 1:
                do {
                    if try knowledgeBase.answer(query, in: answerFile).rows.isEmpty { problem = "returns no rows" }
                } catch {
                    if case .invalid(let found) = error { details = found }
                    problem = "fails"
                }
            case .explanation(let explanation)? where tree.statements.count == 1:
                // A `why` must explain a statement that holds, a `why not` one that does not.
                do {
                    let results = try knowledgeBase.explain(explanation, in: answerFile)
                    let holds = results.contains { if case .holds = $0.finding { return true } else { return false } }
                    if holds == explanation.isNegated { problem = explanation.isNegated ? "explains a statement that holds" : "explains a statement that does not hold" }
                } catch {
                    if case .invalid(let found) = error { details = found }
                    problem = "fails"
                }
            default:
                problem = "is not one query or one why"
            }
        } else {
            problem = "does not parse"
        }
        guard let problem else { return true }
        let declared = knowledgeBase.declaration(of: exercise.id)
        let file = declared.flatMap { place in files.first { $0.name == place.file } } ?? answerFile
        let start = declared.map { file.offset(ofLine: $0.line) } ?? 0
        reportDiagnostic(.error("the reference answer of exercise '\(exercise.id)' \(problem)", at: SourceSpan(file: file, range: SourceRange(start: start, end: start)),
                                help: "an exercise's answer is a query that gives at least one row, or a why about a statement that holds", notes: details.map { .note($0.message, at: $0.span) }))
        return false
    }

    // MARK: Scripts

    /// Runs a script: statements and meta-commands in order. Without
    /// `bail`, an error is reported and the script goes on. Returns false
    /// when it stopped early (`--bail` or `:quit`).
    @discardableResult
    public func run(_ file: SourceFile) -> Bool {
        for unit in ScriptReader.units(of: file) {
            if wantsToQuit { return false }
            let succeeded: Bool
            switch unit {
            case .command(let text, let range):
                succeeded = execute(command: text, at: SourceSpan(file: file, range: range))
            case .statements(let range):
                succeeded = execute(statementsIn: file, range: range)
            }
            if !succeeded && settings.bail { return false }
        }
        return !wantsToQuit
    }

    /// Runs the statements of one stretch of a script, in order. Runs of
    /// definitions load together, ground facts without syntax trees; parse
    /// errors are reported where they occur among the answers.
    private func execute(statementsIn file: SourceFile, range: SourceRange) -> Bool {
        let clock = ContinuousClock()
        var reader = StatementReader(file: file, range: range)
        var pending = knowledgeBase.beginLoad()
        pending.document(file, range)
        var succeeded = true

        func flush() {
            guard !pending.isEmpty else { return }
            if !load(pending) { succeeded = false }
            pending = knowledgeBase.beginLoad()
        }

        while true {
            // Reading the clock costs more than reading a plain fact.
            let readStart = settings.timing ? clock.now : nil
            guard let item = reader.next() else { break }
            switch item {
            case .groundFact(let fact):
                pending.add(fact, from: reader)
                continue
            case .parsed(let tree):
                let parseTime = readStart.map { clock.now - $0 } ?? .zero
                tree.diagnostics.forEach(reportDiagnostic)
                if tree.hasErrors { succeeded = false }
                for _ in 0..<tree.unreadableQueries { answerNothing() }
                // A statement with an error in it (a bad escape, say) is not
                // loaded or run, as a file with one is not loaded.
                let errors = tree.diagnostics.filter(\.isError).map(\.span.range.start)
                for statement in tree.statements {
                    guard !errors.contains(where: { statement.range.start <= $0 && $0 <= statement.range.end }) else {
                        if case .definition = statement {} else { answerNothing() }
                        continue
                    }
                    if case .definition = statement {
                        pending.add(SyntaxTree(file: file, statements: [statement]))
                        continue
                    }
                    flush()
                    if !succeeded && settings.bail { return false }
                    if settings.echo { emitPart(AnswerRenderer(format: settings.format).echo(file.text(statement.range))) }
                    switch statement {
                    case .query(let query):
                        if !answer(query, in: file, parseTime: parseTime) { succeeded = false }
                    case .explanation(let explanation):
                        if !explain(explanation, in: file) { succeeded = false }
                    case .definition:
                        break
                    }
                    if !succeeded && settings.bail { return false }
                }
                if !succeeded && settings.bail { return false }
            }
        }
        flush()
        return succeeded
    }

    /// Loads pending definitions; when they fail as a whole, the ground
    /// facts load on their own and each statement on its own, so the good
    /// ones still count and each error is reported once.
    private func load(_ pending: PendingLoad) -> Bool {
        do {
            let report = try knowledgeBase.commit(pending)
            report.warnings.forEach(reportDiagnostic)
            return true
        } catch {
            // Nothing smaller to try: report the errors of this one unit.
            if pending.trees.isEmpty || (pending.trees.count == 1 && pending.groundFactsOnly().isEmpty) {
                error.diagnostics.forEach(reportDiagnostic)
                return false
            }
        }
        var succeeded = true
        let facts = pending.groundFactsOnly()
        if !facts.isEmpty && !load(facts) { succeeded = false }
        for tree in pending.trees {
            var single = knowledgeBase.beginLoad()
            single.add(tree)
            if !load(single) { succeeded = false }
        }
        return succeeded
    }

    private func answer(_ query: Query, in file: SourceFile, parseTime: Duration) -> Bool {
        let clock = ContinuousClock()
        let start = clock.now
        knowledgeBase.warnings(for: query, in: file).forEach(reportDiagnostic)
        do {
            let answer = try knowledgeBase.answer(query, in: file)
            let evaluationTime = clock.now - start
            guard printAnswer(answer, before: knowledgeBase.limits.deadline(from: start), for: SourceSpan(file: file, range: query.range)) else {
                return false
            }
            if let exercise = currentExercise { checkAnswer(to: exercise, query: query, in: file) }
            if settings.timing {
                output.error("time: parse \(Self.milliseconds(parseTime)), evaluate \(Self.milliseconds(evaluationTime))\n")
            }
            return true
        } catch {
            switch error {
            case .invalid(let diagnostics): diagnostics.forEach(reportDiagnostic)
            case .cancelled: reportNotice("query cancelled")
            }
            hadError = true
            answerNothing()
            return false
        }
    }

    private func explain(_ explanation: Explanation, in file: SourceFile) -> Bool {
        if knowledgeBase.engine != .memory {
            reportNotice("note: why runs on the in-memory engine; only queries run on SQL")
        }
        do {
            let results = try knowledgeBase.explain(explanation, in: file)
            let renderer = ExplanationRenderer(format: settings.format, style: settings.style, depth: settings.explanationDepth)
            emit(renderer.render(results, negated: explanation.isNegated))
            if let exercise = currentExercise { checkAnswer(to: exercise, explanation: explanation) }
            return true
        } catch {
            switch error {
            case .invalid(let diagnostics): diagnostics.forEach(reportDiagnostic)
            case .cancelled: reportNotice("explanation cancelled")
            }
            hadError = true
            answerNothing()
            return false
        }
    }

    /// In JSON, a query that fails still answers one line, `null`, so that
    /// a program can pair the queries of a script with its answers.
    private func answerNothing() {
        guard settings.format == .json else { return }
        emit("null\n")
    }

    // MARK: Reporting

    public func reportDiagnostic(_ diagnostic: Diagnostic) {
        if diagnostic.isError { hadError = true }
        output.error(DiagnosticFormatter(usesColor: settings.colorDiagnostics).format(diagnostic))
    }

    /// A message that is not about a place in the input (`query cancelled`).
    func reportNotice(_ text: String) {
        output.error(text + "\n")
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        let rounded = (milliseconds * 1000).rounded() / 1000
        return "\(rounded) ms"
    }

    /// Marks a failure found outside the session (such as an unreadable
    /// script) so that the exit code says so.
    public func noteError() {
        hadError = true
    }

    func requestQuit() {
        wantsToQuit = true
    }
}

/// A file that could not be read, with why.
public struct FileReadError: Error, Sendable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var message: String { "cannot read '\(path)': \(reason)" }
}
