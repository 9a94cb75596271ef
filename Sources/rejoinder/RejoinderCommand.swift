import ArgumentParser
import RejoinderEngine
import RejoinderRendering
import RejoinderSession
import RejoinderSyntax

/// `rejoinder`: the command line of TOOL.md.
///
/// Every command here names itself (`commandName`): a name the parser
/// derives from the type's name costs, at each start, a search of every
/// protocol conformance in the binary (a quarter of `--version`'s time).
struct RejoinderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rejoinder",
        abstract: "Encode a scholarly debate as facts and rules, and question it per author.",
        discussion: "Without a subcommand, opens the prompt over the shipped knowledge base (the Asan–Wong debate).",
        version: "0.1.0",
        subcommands: [Repl.self, Tour.self, Run.self, Check.self, SQL.self, Export.self, Import.self, ExerciseCommand.self, ArgumentationSolver.self],
        defaultSubcommand: Repl.self
    )
}

/// Options every subcommand that loads knowledge shares.
struct KnowledgeOptions: ParsableArguments {
    @Option(name: .customLong("kb"), help: ArgumentHelp("A knowledge file or folder to load (repeatable).", valueName: "path"))
    var knowledgePaths: [String] = []

    @Flag(name: .customLong("no-default-kb"), help: "Do not load the shipped knowledge base.")
    var noDefaultKnowledge = false

    @Option(name: .customLong("max-facts"), help: ArgumentHelp("Stop a query whose rules derive more facts than this (0: no limit; 10000000, or 1000000 when grading).", valueName: "n"))
    var maximumDerivedFacts: Int?

    @Option(name: .customLong("timeout"), help: ArgumentHelp("Stop a query after this many seconds (0: no limit; 60, or 10 a submission when grading).", valueName: "seconds"))
    var timeLimit: Double?

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Stop a query whose derived facts take more megabytes than this (0: no limit; 2048, or 512 when grading).", valueName: "MB"))
    var maximumDerivedMegabytes: Int?

    @Option(name: .customLong("threads"), help: ArgumentHelp("Threads a query may run on (default: every core). Answers do not depend on it.", valueName: "n"))
    var threads: Int?

    /// The limits given, the others from `defaults`.
    func limits(defaults: EvaluationLimits = EvaluationLimits()) -> EvaluationLimits {
        EvaluationLimits(maximumDerivedFacts: maximumDerivedFacts ?? defaults.maximumDerivedFacts, timeLimit: timeLimit ?? defaults.timeLimit,
                         maximumDerivedMegabytes: maximumDerivedMegabytes ?? defaults.maximumDerivedMegabytes)
    }

    func validate() throws {
        guard (maximumDerivedFacts ?? 0) >= 0 else { throw ValidationError("--max-facts must be 0 (no limit) or more") }
        guard (maximumDerivedMegabytes ?? 0) >= 0, (maximumDerivedMegabytes ?? 0) < 1 << 40 else { throw ValidationError("--max-memory must be 0 (no limit) or a number of megabytes") }
        guard (timeLimit ?? 0) >= 0, (timeLimit ?? 0).isFinite else { throw ValidationError("--timeout must be 0 (no limit) or a number of seconds") }
        guard (threads ?? 1) >= 1, (threads ?? 1) <= KnowledgeBase.maximumThreads else {
            throw ValidationError("--threads must be a whole number from 1 to \(KnowledgeBase.maximumThreads)")
        }
    }
}

/// Options of the commands that print answers.
struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Answer format: table, csv, tsv, json or markdown.", valueName: "format"))
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Colour and box drawing: auto, always or never.", valueName: "when"))
    var color: ColorChoice = .auto

    @Flag(help: "Print parse and evaluation time after each answer (on standard error).")
    var timing = false

    func settings(bail: Bool) -> Settings {
        OutputOptions.settings(format: format, color: color, timing: timing, bail: bail)
    }

    /// Settings for the terminal at hand: colour and box drawing only on a
    /// terminal (or when asked), never with NO_COLOR.
    static func settings(format: OutputFormat, color: ColorChoice, timing: Bool, bail: Bool) -> Settings {
        let terminal = Terminal.standardOutput
        // Box drawing on a UTF-8 terminal; colour there too unless NO_COLOR.
        let boxes = color == .always || (color == .auto && terminal.isInteractive)
        let colored = color == .always || (color == .auto && terminal.isInteractive && !Terminal.colorIsDisabled)
        let style = TableStyle(unicode: boxes && Terminal.isUTF8Locale, color: colored,
                               maximumWidth: terminal.isInteractive ? terminal.columns : nil, showsNotes: terminal.isInteractive)
        let diagnosticsColored = color == .always || (color == .auto && Terminal.standardError.isInteractive && !Terminal.colorIsDisabled)
        return Settings(format: format, style: style, timing: timing, bail: bail, colorDiagnostics: diagnosticsColored)
    }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

extension OutputFormat: ExpressibleByArgument {}

extension SQLDialect: ExpressibleByArgument {}

/// `--engine memory|sqlite[:PATH]|postgres://…|duckdb[:PATH]`.
struct EngineChoice: ExpressibleByArgument {
    let engine: EvaluationEngine

    init(_ engine: EvaluationEngine) {
        self.engine = engine
    }

    init?(argument: String) {
        guard let engine = EvaluationEngine(argument: argument) else { return nil }
        self.engine = engine
    }

    var defaultValueDescription: String { "memory" }
}

extension AttackGraph.Semantics: ExpressibleByArgument {}

extension RejoinderCommand {
    /// `rejoinder run SCRIPT… [-e QUERY]…`
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run query scripts and print each answer.",
            discussion: "A script holds statements, queries and meta-commands. '-' reads standard input. Exit status: 0 success, 1 an error in the input, 2 usage."
        )

        @Argument(help: ArgumentHelp("Scripts to run in order ('-' for standard input).", valueName: "script"))
        var scripts: [String] = []

        @Option(name: .customShort("e"), help: ArgumentHelp("A statement or query to run after the scripts (repeatable).", valueName: "query"))
        var expressions: [String] = []

        @Flag(help: "Stop at the first error.")
        var bail = false

        @Flag(help: "Print each query before its answer.")
        var echo = false

        @Option(help: ArgumentHelp("Where queries run: memory (the default); sqlite (in memory) or sqlite:PATH (a database file, which keeps the tables); postgres://… (a PostgreSQL server, in the schema 'rejoinder' or the URL's schema=NAME); duckdb or duckdb:PATH (DuckDB's command-line shell: REJOINDER_DUCKDB, else duckdb on the PATH). 'why' runs in memory.", valueName: "engine"))
        var engine: EngineChoice = EngineChoice(.memory)

        @OptionGroup var knowledge: KnowledgeOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if scripts.isEmpty && expressions.isEmpty {
                throw ValidationError("give a script, '-' for standard input, or -e QUERY")
            }
        }

        func run() throws {
            Interrupts.endBatchOnInterrupt()
            var settings = output.settings(bail: bail)
            settings.echo = echo
            let session = Launcher.session(settings: settings, knowledge: knowledge)
            guard let session else { throw ExitCode(1) }
            session.knowledgeBase.engine = engine.engine
            let inputs = scripts.map(ScriptInput.file) + expressions.map(ScriptInput.argument)
            for input in inputs {
                let file: SourceFile
                do {
                    file = try input.read()
                } catch {
                    session.output.error("error: \(error.message)\n")
                    session.noteError()
                    if bail { break }
                    continue
                }
                if !session.run(file) { break }
            }
            // A script may end while its answers still go to a file.
            session.finish()
            throw ExitCode(session.hadError ? 1 : 0)
        }
    }

    /// `rejoinder sql --dialect D [FILE…] [-e QUERY]…`
    struct SQL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sql",
            abstract: "Print the program as SQL: tables, indexes, stored facts, each stratum's statements, and the queries given.",
            discussion: "The files are loaded as run loads them (over the shipped knowledge base unless --no-default-kb). The postgres and duckdb scripts begin with a prelude that defines the value type rj_value and the rj_ functions, so they run by hand in psql or duckdb; the sqlite script needs the rj_ functions the host defines, so it runs through rejoinder run --engine sqlite. rejoinder run --engine runs the same statements on each engine."
        )

        @Option(help: ArgumentHelp("sqlite, postgres or duckdb.", valueName: "dialect"))
        var dialect: SQLDialect = .sqlite

        @Argument(help: ArgumentHelp("Knowledge files or folders to load.", valueName: "file"))
        var paths: [String] = []

        @Option(name: .customShort("e"), help: ArgumentHelp("A query to compile after the program (repeatable).", valueName: "query"))
        var expressions: [String] = []

        @OptionGroup var knowledge: KnowledgeOptions

        func run() throws {
            var options = knowledge
            options.knowledgePaths += paths
            guard let session = Launcher.session(settings: OutputOptions.settings(format: .table, color: .never, timing: false, bail: false), knowledge: options) else {
                throw ExitCode(1)
            }
            var queries: [(Query, SourceFile)] = []
            for (position, text) in expressions.enumerated() {
                let file = SourceFile(name: "<arg \(position + 1)>", text: text)
                let tree = Parser.parse(file)
                guard tree.diagnostics.isEmpty, tree.statements.count == 1, case .query(let query) = tree.statements[0] else {
                    Terminal.write(DiagnosticFormatter().format(tree.diagnostics.isEmpty ? [.error("-e takes one query", at: SourceSpan(file: file, range: SourceRange(start: 0, end: 0)))] : tree.diagnostics), to: .standardError)
                    throw ExitCode(1)
                }
                queries.append((query, file))
            }
            do {
                Terminal.write(try session.knowledgeBase.sqlScript(dialect: dialect, queries: queries), to: .standardOutput)
            } catch {
                if case .invalid(let diagnostics) = error { Terminal.write(DiagnosticFormatter().format(diagnostics), to: .standardError) }
                throw ExitCode(1)
            }
        }
    }

    /// `rejoinder check FILE…`
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Parse and analyse knowledge files; print every diagnostic.",
            discussion: """
                The files are checked as run sees them: together, over the shipped knowledge base (unless --no-default-kb) \
                and any --kb files; queries in them are analysed but not run. \
                With --consistency, the consistency checks the knowledge declares (kind consistency_check) then run in every view, \
                on the files or, when none is given, on the shipped knowledge base. Exit status 1 on any error or problem.
                """
        )

        @Argument(help: ArgumentHelp("Files or folders to check.", valueName: "file"))
        var paths: [String] = []

        @OptionGroup var knowledge: KnowledgeOptions

        @Flag(help: "Also run the knowledge base's consistency checks in every view.")
        var consistency = false

        @Flag(help: "Print how the rules of the files run: the relations with their column types, each stratum, each rule's steps, the indexes they use.")
        var plan = false

        func validate() throws {
            if paths.isEmpty && !consistency && !plan {
                throw ValidationError("give the files or folders to check, or --consistency or --plan for the shipped knowledge base")
            }
        }

        func run() throws {
            let settings = OutputOptions.settings(format: .table, color: .auto, timing: false, bail: false)
            let session = Launcher.newSession(settings: settings)
            session.knowledgeBase.limits = knowledge.limits()
            session.knowledgeBase.threads = knowledge.threads ?? KnowledgeBase.processorCount
            var files: [SourceFile] = []
            var readFailed = false
            func read(_ load: () throws(FileReadError) -> [SourceFile]) {
                do {
                    files += try load()
                } catch {
                    session.output.error("error: \(error.message)\n")
                    readFailed = true
                }
            }
            for path in knowledge.knowledgePaths + paths { read { () throws(FileReadError) in try FileSystem.knowledgeFiles(at: path) } }
            let planned = Set(files.map(\.name))
            if !knowledge.noDefaultKnowledge {
                // A shipped file given on the command line (the project's
                // Knowledge/ folder, an edited copy) is checked as it is on
                // disk, in place of the shipped one.
                let givenFiles = files
                files = []
                read(Launcher.defaultKnowledge)
                files = files.filter { shipped in
                    !givenFiles.contains { $0.name == shipped.name || $0.name.hasSuffix("/" + shipped.name) }
                } + givenFiles
            }
            var checked = session.checkKnowledge(files)
            if checked && consistency { checked = session.checkConsistency(files: files) }
            if checked && plan {
                session.output.answer(PlanRenderer.render(session.knowledgeBase.plan(ofRulesIn: planned.isEmpty ? Set(files.map(\.name)) : planned), isQuery: false))
            }
            throw ExitCode(readFailed || !checked ? 1 : 0)
        }
    }

    /// `rejoinder export dot|json|apx|aif`
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export the argument map (Graphviz DOT or SVG, AIF JSON, an apx attack graph) or the whole fact base (JSON).",
            discussion: """
                dot: claims (boxes) and evidence (notes), one cluster per source, supports solid, rebuts dashed. \
                With --according-to, that source's view, each node's grounded status drawn by its border: \
                double for accepted, dashed for rejected, dotted for undecided (the fill repeats it in colour-blind-safe tints), with a legend; \
                --semantics complete|preferred|stable draws instead whether each node is skeptically accepted (double), \
                credulously accepted only (dotted) or not accepted (dashed) in the view's attack graph. \
                aif: the argument graph as AIF JSON (AIFdb, OVA): I nodes for claims and evidence, an RA node per supports, \
                a CA node per rebuts, a PA node per preference, Rejoinder's ids, kinds, sources and paragraphs in each node's "rejoinder" member; rejoinder import aif reads it back. \
                apx: one view's attack graph for rejoinder af or any competition solver. json: every source, entity, fact and rule.
                """
        )

        enum Kind: String, ExpressibleByArgument, CaseIterable { case dot, json, apx, aif }

        @Argument(help: "dot, aif, apx or json.")
        var kind: Kind

        @Option(name: .customLong("according-to"), help: ArgumentHelp("Draw one source's view, with statuses.", valueName: "source"))
        var source: String?

        @Option(help: ArgumentHelp("With dot and --according-to: grounded (the default, the view's statuses), complete, preferred or stable.", valueName: "semantics"))
        var semantics: AttackGraph.Semantics = .grounded

        @Option(help: ArgumentHelp("Render the map to an SVG file with Graphviz's dot.", valueName: "file"))
        var svg: String?

        @Option(name: .customLong("dot-timeout"), help: ArgumentHelp("Stop dot after this many seconds.", valueName: "seconds"))
        var dotTimeout: Double = 60

        @Flag(help: "Replace the SVG file even if it is read-only.")
        var force = false

        @OptionGroup var knowledge: KnowledgeOptions

        func validate() throws {
            if kind == .json && (source != nil || svg != nil) {
                throw ValidationError("--according-to and --svg apply to 'export dot' only")
            }
            if kind == .apx && (source == nil || svg != nil) {
                throw ValidationError("'export apx' writes one view's attack graph: give --according-to SOURCE (and no --svg)")
            }
            if kind == .aif && svg != nil {
                throw ValidationError("--svg applies to 'export dot' only")
            }
            if semantics != .grounded && (kind != .dot || source == nil) {
                throw ValidationError("--semantics applies to 'export dot --according-to SOURCE' only")
            }
            guard dotTimeout > 0 && dotTimeout < EvaluationLimits.longestTimeLimit else {
                throw ValidationError("--dot-timeout must be a number of seconds above 0")
            }
        }

        func run() throws {
            guard let session = Launcher.session(settings: OutputOptions.settings(format: .table, color: .auto, timing: false, bail: false),
                                                 knowledge: knowledge) else { throw ExitCode(1) }
            guard kind != .json else {
                Terminal.write(FactBaseJSON.render(session.knowledgeBase.snapshot), to: .standardOutput)
                return
            }
            let map: ArgumentMap
            do {
                map = try session.knowledgeBase.argumentMap(accordingTo: source)
            } catch {
                if case .invalid(let diagnostics) = error {
                    Terminal.write("error: \(diagnostics.first?.message ?? "cannot draw the map")" + (diagnostics.first?.help.map { " (\($0))" } ?? "") + "\n",
                                   to: .standardError)
                }
                throw ExitCode(1)
            }
            switch kind {
            case .apx: return Terminal.write(ArgumentMapAPX.render(map), to: .standardOutput)
            case .aif: return Terminal.write(ArgumentMapAIF.render(map), to: .standardOutput)
            case .dot, .json: break
            }
            let dot = ArgumentMapDOT.render(map, acceptance: try acceptance(of: map, timeLimit: knowledge.limits().timeLimit))
            guard let svg else {
                Terminal.write(dot, to: .standardOutput)
                return
            }
            do {
                // The file is checked before dot runs, and replaced only after it succeeds.
                let writer = try AtomicFile.Writer(path: svg, replacingReadOnly: force)
                writer.write(try Graphviz.svg(from: dot, timeLimit: dotTimeout))
                try writer.commit()
            } catch let error as FileWriteError {
                Terminal.write("error: \(error.message)" + (error.isReadOnly ? " (--force replaces it)" : "") + "\n", to: .standardError)
                throw ExitCode(1)
            } catch let error as Graphviz.Failure {
                Terminal.write("error: \(error.message)\n", to: .standardError)
                throw ExitCode(1)
            }
        }

        /// The acceptance levels under --semantics (nil for grounded: the
        /// view's own statuses), searched for at most `timeLimit` seconds
        /// (0: no limit), the limit of a query.
        private func acceptance(of map: ArgumentMap, timeLimit: Double) throws -> ViewAcceptance? {
            guard semantics != .grounded else { return nil }
            struct TooLong: Error {}
            let deadline = timeLimit > 0 ? ContinuousClock.now + .milliseconds(Int64(timeLimit * 1000)) : nil
            do {
                return try ViewAcceptance(map, under: semantics) { () throws(TooLong) in
                    if let deadline, ContinuousClock.now > deadline { throw TooLong() }
                }
            } catch {
                Terminal.write("error: the \(semantics.rawValue) extensions of the view took longer than \(timeLimit) seconds (--timeout raises the limit)\n",
                               to: .standardError)
                throw ExitCode(1)
            }
        }
    }

    /// `rejoinder import aif FILE [-o OUT.rj]`
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Turn an AIF JSON argument graph into a Rejoinder knowledge file.",
            discussion: """
                Reads AIF JSON as AIFdb serves it and OVA saves it (nodes, edges, locutions, participants; OVA's {"AIF": …} too) \
                and writes a .rj file of sources, claims with their labels, supports, rebuts and prefers: \
                I nodes are claims (or what their "rejoinder" member says), RA nodes supports, CA nodes rebuts, PA nodes prefers; \
                locutions give each claim its source. A bad file (invalid JSON, an edge to an unknown node, an RA node with no \
                conclusion, …) is reported node by node, exit status 1, and nothing is written. \
                The result loads on its own: rejoinder check --no-default-kb OUT.rj.
                """
        )

        enum Kind: String, ExpressibleByArgument, CaseIterable { case aif }

        @Argument(help: "aif.")
        var kind: Kind

        @Argument(help: ArgumentHelp("The AIF JSON file ('-' for standard input).", valueName: "file"))
        var file: String

        @Option(name: .shortAndLong, help: ArgumentHelp("Write the knowledge file here instead of standard output.", valueName: "file"))
        var output: String?

        @Flag(help: "Replace the output file even if it is read-only.")
        var force = false

        func run() throws {
            let source: SourceFile
            do {
                source = try ScriptInput.file(file).read()
            } catch {
                Terminal.write("error: \(error.message)\n", to: .standardError)
                throw ExitCode(1)
            }
            let reading: ArgumentMapAIF.Reading
            do {
                reading = try ArgumentMapAIF.read(source)
            } catch {
                Terminal.write(error.diagnostics.map { DiagnosticFormatter().format($0) }.joined(), to: .standardError)
                throw ExitCode(1)
            }
            Terminal.write(reading.warnings.map { DiagnosticFormatter().format($0) }.joined(), to: .standardError)
            let text = ArgumentMapSource.render(reading.map, origin: file == "-" ? "standard input" : file)
            guard let output else { return Terminal.write(text, to: .standardOutput) }
            do {
                try AtomicFile.write(text, to: output, replacingReadOnly: force)
            } catch {
                Terminal.write("error: \(error.message)" + (error.isReadOnly ? " (--force replaces it)" : "") + "\n", to: .standardError)
                throw ExitCode(1)
            }
        }
    }

    /// `rejoinder repl`
    /// `rejoinder tour`: the newcomer's five questions, one after another.
    struct Tour: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tour",
            abstract: "Five questions of the debate, each with its query, its answer and one why.",
            discussion: "At a terminal it waits for Enter between the steps (q and Enter stops); otherwise it prints them all."
        )

        @OptionGroup var knowledge: KnowledgeOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            Interrupts.endBatchOnInterrupt()
            guard let session = Launcher.session(settings: output.settings(bail: false), knowledge: knowledge) else { throw ExitCode(1) }
            let interactive = Terminal.standardInput.isInteractive && Terminal.standardOutput.isInteractive
            while session.showTourStep() {
                guard interactive else { continue }
                Terminal.write("\n[Enter: the next question, q: stop] ", to: .standardOutput)
                guard let line = Swift.readLine(), line.trimmingCharacters(in: .whitespaces).lowercased() != "q" else { break }
            }
            throw ExitCode(session.hadError ? 1 : 0)
        }
    }

    struct Repl: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "repl", abstract: "The interactive prompt (the default).")

        @OptionGroup var knowledge: KnowledgeOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            guard let session = Launcher.session(settings: output.settings(bail: false), knowledge: knowledge) else { throw ExitCode(1) }
            if !Terminal.standardInput.isInteractive {
                // Not a terminal: run standard input as a script, as `rejoinder < script.rj`.
                Interrupts.endBatchOnInterrupt()
                let file = try? ScriptInput.file("-").read()
                if let file { session.run(file) }
                // A script may end while its answers still go to a file.
                session.finish()
                throw ExitCode(session.hadError ? 1 : 0)
            }
            Prompting.run(session)
        }
    }
}
