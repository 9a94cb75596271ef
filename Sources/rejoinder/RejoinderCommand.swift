import ArgumentParser
import RejoinderEngine
import RejoinderRendering
import RejoinderSession
import RejoinderSyntax

/// `rejoinder`: the command line of TOOL.md.
struct RejoinderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rejoinder",
        abstract: "Encode a scholarly debate as facts and rules, and question it per author.",
        discussion: "Without a subcommand, opens the prompt over the shipped knowledge base (the Asan–Wong debate).",
        version: "0.1.0",
        subcommands: [Repl.self, Tour.self, Run.self, Check.self, Export.self, ExerciseCommand.self, ArgumentationSolver.self],
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

    /// The limits given, the others from `defaults`.
    func limits(defaults: EvaluationLimits = EvaluationLimits()) -> EvaluationLimits {
        EvaluationLimits(maximumDerivedFacts: maximumDerivedFacts ?? defaults.maximumDerivedFacts, timeLimit: timeLimit ?? defaults.timeLimit,
                         maximumDerivedMegabytes: maximumDerivedMegabytes ?? defaults.maximumDerivedMegabytes)
    }

    func validate() throws {
        guard (maximumDerivedFacts ?? 0) >= 0 else { throw ValidationError("--max-facts must be 0 (no limit) or more") }
        guard (maximumDerivedMegabytes ?? 0) >= 0, (maximumDerivedMegabytes ?? 0) < 1 << 40 else { throw ValidationError("--max-memory must be 0 (no limit) or a number of megabytes") }
        guard (timeLimit ?? 0) >= 0, (timeLimit ?? 0).isFinite else { throw ValidationError("--timeout must be 0 (no limit) or a number of seconds") }
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

extension RejoinderCommand {
    /// `rejoinder run SCRIPT… [-e QUERY]…`
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
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

    /// `rejoinder check FILE…`
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
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

        func validate() throws {
            if paths.isEmpty && !consistency { throw ValidationError("give the files or folders to check, or --consistency for the shipped knowledge base") }
        }

        func run() throws {
            let settings = OutputOptions.settings(format: .table, color: .auto, timing: false, bail: false)
            let session = Launcher.newSession(settings: settings)
            session.knowledgeBase.limits = knowledge.limits()
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
            throw ExitCode(readFailed || !checked ? 1 : 0)
        }
    }

    /// `rejoinder export dot|json`
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the argument map (Graphviz DOT, or SVG) or the whole fact base (JSON).",
            discussion: "dot: claims and evidence, one cluster per source, supports solid, rebuts dashed; with --according-to, that source's view and the grounded status of each node as its fill."
        )

        enum Kind: String, ExpressibleByArgument, CaseIterable { case dot, json, apx }

        @Argument(help: "dot or json.")
        var kind: Kind

        @Option(name: .customLong("according-to"), help: ArgumentHelp("Draw one source's view, with statuses.", valueName: "source"))
        var source: String?

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
            if kind == .apx { return Terminal.write(ArgumentMapAPX.render(map), to: .standardOutput) }
            let dot = ArgumentMapDOT.render(map)
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
    }

    /// `rejoinder repl`
    /// `rejoinder tour`: the newcomer's five questions, one after another.
    struct Tour: ParsableCommand {
        static let configuration = CommandConfiguration(
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
        static let configuration = CommandConfiguration(abstract: "The interactive prompt (the default).")

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
