import RejoinderEngine
import RejoinderRendering
import RejoinderSyntax

/// The meta-commands of LANGUAGE.md §5, each one line starting with ':'.
enum MetaCommand: String, CaseIterable {
    case help, tour, load, read, sources, schema, kinds, list, plan, format, expanded = "x", pager, timing, echo, depth, set, output, once, export, check, exercise, hint, solution, next, bail, quit

    /// Short names people know from other prompts (`:q` as in vi).
    static let aliases: [String: MetaCommand] = ["q": .quit]

    /// The commands that write a file, which `!` lets replace a read-only one.
    static let writingFiles: Set<MetaCommand> = [.output, .once, .export]

    /// How the command is written.
    var usage: String {
        switch self {
        case .help: return ":help [topic]"
        case .tour: return ":tour [N]"
        case .load: return ":load FILE"
        case .read: return ":read FILE"
        case .sources: return ":sources"
        case .schema: return ":schema [pred]"
        case .kinds: return ":kinds"
        case .list: return ":list pred"
        case .plan: return ":plan QUERY"
        case .format: return ":format [NAME]"
        case .expanded: return ":x [on|off]"
        case .pager: return ":pager [on|off]"
        case .timing: return ":timing [on|off]"
        case .echo: return ":echo [on|off]"
        case .depth: return ":depth [N]"
        case .set: return ":set [max-facts|max-memory|timeout|threads N]"
        case .output: return ":output[!] [FILE]"
        case .once: return ":once[!] FILE"
        case .export: return ":export[!] dot|aif|apx|json FILE [SOURCE]"
        case .check: return ":check"
        case .exercise: return ":exercise [ID]"
        case .hint: return ":hint"
        case .solution: return ":solution"
        case .next: return ":next"
        case .bail: return ":bail [on|off]"
        case .quit: return ":quit"
        }
    }

    /// What it does.
    var purpose: String {
        switch self {
        case .help: return "this list, or help on a topic"
        case .tour: return "five questions of the debate, one at a time"
        case .load: return "load a knowledge file or folder (all or nothing)"
        case .read: return "run a saved script here, queries included"
        case .sources: return "the declared sources (the perspectives)"
        case .schema: return "predicates with their arguments and where declared"
        case .kinds: return "the kinds of entity, with their attributes"
        case .list: return "the facts and rules of a predicate"
        case .plan: return "how a query runs: steps, strata, column types"
        case .format: return "print answers as table, csv, tsv, json or markdown"
        case .expanded: return "tables with one field per line, nothing cut"
        case .pager: return "page answers taller than the terminal ($PAGER)"
        case .timing: return "print parse and evaluation times after answers"
        case .echo: return "print each query before its answer"
        case .depth: return "levels of a 'why' tree shown before folding"
        case .set: return "limits on each query (0: none) and its threads; alone, shows them"
        case .output: return "send answers to FILE until ':output' alone"
        case .once: return "send only the next answer to FILE"
        case .export: return "the argument map (DOT, AIF), a view's attack graph (apx) or the fact base (JSON)"
        case .check: return "run the consistency checks and exercise answers"
        case .exercise: return "list the exercises, or start one: your next query is checked"
        case .hint: return "the next hint for the current exercise"
        case .solution: return "the reference answer, after at least one try"
        case .next: return "the next exercise not yet done"
        case .bail: return "stop a script at its first error"
        case .quit: return "leave (Ctrl-D on an empty line does too)"
        }
    }

    /// One example of its use.
    var example: String {
        switch self {
        case .help: return ":help queries"
        case .tour: return ":tour"
        case .load: return ":load mydebate/"
        case .read: return ":read Knowledge/questions/q3-asymmetry.rj"
        case .sources: return ":sources"
        case .schema: return ":schema meets"
        case .kinds: return ":kinds"
        case .list: return ":list partner"
        case .plan: return ":plan ?- meets(russia, S, 2020)."
        case .format: return ":format markdown"
        case .expanded: return ":x"
        case .pager: return ":pager off"
        case .timing: return ":timing on"
        case .echo: return ":echo on"
        case .depth: return ":depth 3"
        case .set: return ":set timeout 5"
        case .output: return ":output answers.csv"
        case .once: return ":once table.md"
        case .export: return ":export dot map.dot wong"
        case .check: return ":check"
        case .exercise: return ":exercise ex08_russia_2020"
        case .hint: return ":hint"
        case .solution: return ":solution"
        case .next: return ":next"
        case .bail: return ":bail on"
        case .quit: return ":quit"
        }
    }

    /// Its line in `:help`: usage, purpose, example.
    var summary: String {
        func padded(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(1, width - text.count))
        }
        return padded(usage, 32) + padded(purpose, 50) + example
    }
}

extension Session {
    /// Runs one meta-command line (the text after ':'). Returns false on error.
    @discardableResult
    public func execute(command text: String, at span: SourceSpan) -> Bool {
        guard let (command, argument, nameSpan, argumentSpan, forced) = resolve(command: text, at: span) else { return false }
        switch command {
        case .help:
            if let documentation = knowledgeBase.documentation[argument] {
                emit(describe(documentation))
            } else {
                emit(HelpText.text(topic: argument.isEmpty ? nil : argument))
            }
            return true
        case .tour:
            guard argument.isEmpty || Int(argument).map({ $0 > 0 }) == true else { return usage("expected a step number after ':tour'", nameSpan) }
            showTourStep(Int(argument))
            return true
        case .kinds:
            guard argument.isEmpty else { return usage("':kinds' takes no argument", nameSpan) }
            return listKinds(span: nameSpan)
        case .output:
            return redirectAnswers(to: argument.isEmpty ? nil : Self.unquoted(argument), once: false, replacingReadOnly: forced, span: nameSpan)
        case .once:
            guard !argument.isEmpty else { return usage("expected a file after ':once'", nameSpan) }
            return redirectAnswers(to: Self.unquoted(argument), once: true, replacingReadOnly: forced, span: nameSpan)
        case .quit:
            requestQuit()
            return true
        case .load:
            return load(argument, span: nameSpan)
        case .read:
            return read(argument, span: nameSpan)
        case .sources:
            return listSources(span: nameSpan)
        case .schema:
            return showSchema(argument, span: argument.isEmpty ? nameSpan : argumentSpan)
        case .list:
            return list(argument, span: argument.isEmpty ? nameSpan : argumentSpan)
        case .plan:
            return showPlan(argument, span: argument.isEmpty ? nameSpan : argumentSpan)
        case .format:
            if argument.isEmpty {
                emit("format \(settings.format.rawValue)\n")
                return true
            }
            guard let format = OutputFormat(rawValue: argument) else {
                return usage("expected one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")) after ':format'", nameSpan)
            }
            settings.format = format
            return true
        case .depth:
            if argument.isEmpty {
                emit("depth \(settings.explanationDepth)\n")
                return true
            }
            guard let levels = Int(argument), levels > 0 else { return usage("expected a number of levels after ':depth'", nameSpan) }
            settings.explanationDepth = levels
            return true
        case .set:
            return setLimit(argument, span: nameSpan)
        case .export:
            return export(argument, replacingReadOnly: forced, span: nameSpan)
        case .check:
            guard argument.isEmpty else { return usage("':check' takes no argument", nameSpan) }
            return checkConsistency()
        case .exercise:
            return argument.isEmpty ? listExercises(span: nameSpan) : startExercise(argument, span: nameSpan)
        case .hint:
            return showHint(span: nameSpan)
        case .solution:
            return showSolution(span: nameSpan)
        case .next:
            return startNextExercise(span: nameSpan)
        case .timing, .echo, .bail, .expanded, .pager:
            // Alone, it toggles and says so, as psql's \timing does.
            let settingsOf: [MetaCommand: WritableKeyPath<Settings, Bool>] = [.timing: \.timing, .echo: \.echo, .bail: \.bail,
                                                                               .expanded: \.style.expanded, .pager: \.pager]
            let setting = settingsOf[command]!
            guard argument == "on" || argument == "off" || argument.isEmpty else {
                return usage("expected 'on' or 'off' after ':\(command.rawValue)'", nameSpan)
            }
            let value = argument.isEmpty ? !settings[keyPath: setting] : argument == "on"
            settings[keyPath: setting] = value
            if argument.isEmpty { reportNotice("\(command == .expanded ? "expanded display" : command.rawValue) is \(value ? "on" : "off")") }
            return true
        }
    }

    /// Whether a meta-command line names a known command (for `check`).
    func isKnownCommand(_ text: String, at span: SourceSpan) -> Bool {
        resolve(command: text, at: span) != nil
    }

    /// The command a line names, its argument, the span of its name and
    /// whether it ends in `!` (replace a read-only file); an unknown name
    /// is reported with the nearest known one.
    private func resolve(command text: String, at span: SourceSpan) -> (MetaCommand, String, SourceSpan, argumentSpan: SourceSpan, forced: Bool)? {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        var name = String(trimmed.prefix { $0 != " " && $0 != "\t" })
        let argumentText = trimmed.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }
        let argument = String(argumentText).trimmingTrailingBlanks()
        let nameSpan = SourceSpan(file: span.file, range: SourceRange(start: span.range.start, end: span.range.start + 1 + name.utf8.count))
        // The argument is the end of the line: its offset follows from its length.
        let argumentStart = span.range.start + 1 + text.utf8.count - argumentText.utf8.count
        let argumentSpan = SourceSpan(file: span.file, range: SourceRange(start: argumentStart, end: argumentStart + max(1, argument.utf8.count)))
        let forced = name.hasSuffix("!")
        if forced { name.removeLast() }
        if forced, let command = MetaCommand(rawValue: name) ?? MetaCommand.aliases[name], !MetaCommand.writingFiles.contains(command) {
            reportDiagnostic(.error("':\(name)' writes no file, so it takes no '!'", at: nameSpan,
                                    help: "'!' after :output, :once or :export replaces a read-only file"))
            return nil
        }
        guard let command = MetaCommand(rawValue: name) ?? MetaCommand.aliases[name] else {
            let nearest = nearestName(to: name, among: MetaCommand.allCases.map(\.rawValue))
            reportDiagnostic(.error(name.isEmpty ? "expected a command name after ':'" : "unknown command ':\(name)'", at: nameSpan,
                                    help: nearest.map { "did you mean ':\($0)'?" } ?? "type :help for the list of commands"))
            return nil
        }
        return (command, argument, nameSpan, argumentSpan, forced)
    }

    private func usage(_ message: String, _ span: SourceSpan) -> Bool {
        reportDiagnostic(.error(message, at: span))
        return false
    }

    /// `:set`: shows the limits, or changes one.
    private func setLimit(_ argument: String, span: SourceSpan) -> Bool {
        let words = Self.words(argument)
        var limits = knowledgeBase.limits
        if words.isEmpty {
            emit("max-facts \(limits.maximumDerivedFacts)\nmax-memory \(limits.maximumDerivedMegabytes)\ntimeout \(Datum.shortest(limits.timeLimit))\n"
                 + "threads \(knowledgeBase.threads)\n")
            return true
        }
        guard words.count == 2 else { return usage("expected ':set max-facts N', ':set max-memory MB', ':set timeout SECONDS' or ':set threads N'", span) }
        switch words[0] {
        case "max-memory":
            guard let megabytes = Int(words[1]), megabytes >= 0, megabytes < 1 << 40 else {
                return usage("expected a whole number of megabytes (0 for no limit) after ':set max-memory'", span)
            }
            limits.maximumDerivedMegabytes = megabytes
        case "max-facts":
            guard let count = Int(words[1]), count >= 0 else { return usage("expected a whole number of facts (0 for no limit) after ':set max-facts'", span) }
            limits.maximumDerivedFacts = count
        case "timeout":
            guard let seconds = Double(words[1]), seconds >= 0, seconds.isFinite else {
                return usage("expected a number of seconds (0 for no limit) after ':set timeout'", span)
            }
            limits.timeLimit = seconds
        case "threads":
            guard let count = Int(words[1]), count >= 1, count <= KnowledgeBase.maximumThreads else {
                return usage("expected a whole number of threads from 1 to \(KnowledgeBase.maximumThreads) after ':set threads'", span)
            }
            knowledgeBase.threads = count
        default:
            let nearest = nearestName(to: words[0], among: ["max-facts", "max-memory", "timeout", "threads"])
            reportDiagnostic(.error("unknown setting '\(words[0])'", at: span, help: nearest.map { "did you mean '\($0)'?" } ?? "the settings are max-facts, max-memory, timeout and threads"))
            return false
        }
        knowledgeBase.limits = limits
        return true
    }

    private func load(_ path: String, span: SourceSpan) -> Bool {
        guard !path.isEmpty else { return usage("expected a file or folder after ':load'", span) }
        guard let files = readFiles(path, span: span) else { return false }
        let before = knowledgeBase.statistics
        guard let (report, commands) = loadKnowledgeReporting(files) else { return false }
        let after = knowledgeBase.statistics
        var skipped: [String] = []
        if report.queries > 0 { skipped.append("\(report.queries) quer\(report.queries == 1 ? "y" : "ies")") }
        if commands > 0 { skipped.append("\(commands) command\(commands == 1 ? "" : "s")") }
        reportNotice("loaded \(files.count) file\(files.count == 1 ? "" : "s"): \(after.facts - before.facts) facts, \(after.rules - before.rules) rules"
                     + (skipped.isEmpty ? "" : "; \(skipped.joined(separator: " and ")) not run (:read runs a script whole)"))
        return true
    }

    /// `:read FILE`: runs a saved script here, queries and commands
    /// included, as sqlite3's `.read` and psql's `\i` do.
    private func read(_ path: String, span: SourceSpan) -> Bool {
        guard !path.isEmpty else { return usage("expected a script after ':read'", span) }
        guard readDepth < Self.maximumReadDepth else {
            return usage("':read' is nested more than \(Self.maximumReadDepth) scripts deep (does a script read itself?)", span)
        }
        guard let files = readFiles(path, span: span) else { return false }
        readDepth += 1
        defer { readDepth -= 1 }
        var succeeded = true
        for file in files where !wantsToQuit {
            if !run(file) { succeeded = false }
            if !succeeded && settings.bail { break }
        }
        return succeeded
    }

    /// The files a `:load` or `:read` path names, or nil after saying why not.
    private func readFiles(_ path: String, span: SourceSpan) -> [SourceFile]? {
        do {
            return try fileReader(Self.resolved(Self.unquoted(path), from: span.file))
        } catch {
            reportDiagnostic(.error(error.message, at: span))
            return nil
        }
    }

    /// A path in a script is relative to the script's folder, as a script
    /// that loads its neighbours expects; at the prompt, to the current one.
    static func resolved(_ path: String, from file: SourceFile) -> String {
        guard !path.hasPrefix("/"), !file.name.hasPrefix("<"), let slash = file.name.lastIndex(of: "/") else { return path }
        return String(file.name[...slash]) + path
    }

    /// A path written in double quotes (for spaces in it), without them.
    static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast())
    }

    /// The words of a command's argument; a word in double quotes may hold
    /// spaces (`:export dot "my maps/map.dot"`).
    static func words(_ argument: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false, started = false
        for character in argument {
            if character == "\"" {
                quoted.toggle()
                started = true
            } else if !quoted && (character == " " || character == "\t") {
                if started { words.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
                started = true
            }
        }
        if started { words.append(current) }
        return words
    }

    /// `:export dot|aif FILE [SOURCE]`, `:export apx FILE SOURCE` and
    /// `:export json FILE`, as `rejoinder export` writes them.
    private func export(_ argument: String, replacingReadOnly: Bool, span: SourceSpan) -> Bool {
        let words = Self.words(argument)
        let expected = "expected 'dot FILE [SOURCE]', 'aif FILE [SOURCE]', 'apx FILE SOURCE' or 'json FILE' after ':export'"
        guard words.count >= 2, words.count <= 3, ["dot", "aif", "apx", "json"].contains(words[0]),
              words[0] != "json" || words.count == 2, words[0] != "apx" || words.count == 3 else {
            return usage(expected, span)
        }
        let text: String
        if words[0] == "json" {
            text = FactBaseJSON.render(knowledgeBase.snapshot)
        } else {
            do {
                let map = try knowledgeBase.argumentMap(accordingTo: words.count == 3 ? words[2] : nil)
                text = switch words[0] {
                case "aif": ArgumentMapAIF.render(map)
                case "apx": ArgumentMapAPX.render(map)
                default: ArgumentMapDOT.render(map)
                }
            } catch {
                if case .invalid(let diagnostics) = error {
                    reportDiagnostic(.error(diagnostics.first?.message ?? "the map cannot be drawn", at: span, help: diagnostics.first?.help))
                }
                return false
            }
        }
        do {
            try AtomicFile.write(text, to: words[1], replacingReadOnly: replacingReadOnly)
        } catch {
            report(error, at: span, forcedBy: ":export!")
            return false
        }
        reportNotice("wrote \(words[1])")
        return true
    }

    /// `:plan ?- QUERY.`: the query's steps and the strata it reads, as
    /// the evaluator runs them.
    private func showPlan(_ argument: String, span: SourceSpan) -> Bool {
        let tree = Parser.parse(span.file, range: span.range)
        guard tree.diagnostics.isEmpty else {
            tree.diagnostics.forEach(reportDiagnostic)
            return false
        }
        guard tree.statements.count == 1, case .query(let query) = tree.statements[0] else {
            return usage("expected one query after ':plan', such as :plan ?- meets(russia, S, 2020).", span)
        }
        do {
            emit(PlanRenderer.render(try knowledgeBase.plan(of: query, in: span.file), isQuery: true))
            return true
        } catch {
            if case .invalid(let diagnostics) = error { diagnostics.forEach(reportDiagnostic) }
            return false
        }
    }

    private func listSources(span: SourceSpan) -> Bool {
        let rows = knowledgeBase.sources.map { name in
            Answer.Row(values: [.symbol(name), .symbol(knowledgeBase.label(of: name) ?? "")], holdsIn: [])
        }
        return printAnswer(Answer(columns: ["source", "label"], perspective: .commonGround, rows: rows), before: nil, for: span)
    }

    /// `:schema`: every predicate, with its arguments when documented; for
    /// one predicate, also what it means.
    private func showSchema(_ name: String, span: SourceSpan) -> Bool {
        var summaries = knowledgeBase.schema
        if !name.isEmpty {
            guard let summary = knowledgeBase.summary(of: name) else { return unknownPredicate(name, span) }
            summaries = [summary]
        }
        let rows = summaries.map { summary in
            let arguments = knowledgeBase.documentation[summary.name]?.arguments.joined(separator: ", ") ?? ""
            return Answer.Row(values: [.symbol(summary.signature), .symbol(arguments), .symbol(summary.kind.rawValue), .integer(Int64(summary.factCount)),
                                       .integer(Int64(summary.ruleCount)), .symbol(summary.firstUse.description)], holdsIn: [])
        }
        let answer = Answer(columns: ["predicate", "arguments", "kind", "facts", "rules", "first written at"], perspective: .commonGround, rows: rows)
        guard !name.isEmpty, let documentation = knowledgeBase.documentation[name] else { return printAnswer(answer, before: nil, for: span) }
        // The meaning belongs with the table, for `:once`.
        emitPart(AnswerRenderer(format: settings.format, style: settings.style).render(answer))
        emit(describe(documentation))
        return true
    }

    /// A relation's documentation, as `:help NAME` and `:schema NAME` show it.
    private func describe(_ documentation: RelationDocumentation) -> String {
        "\(documentation.signature)    # \(documentation.span.file.name):\(documentation.span.location.line)\n"
            + wrapped(documentation.text, width: 76, indent: "  ") + "\n"
    }

    private func wrapped(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(indent + line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(indent + line) }
        return lines.joined(separator: "\n")
    }

    /// `:kinds`: each kind of entity, how many there are and the
    /// attributes they carry.
    private func listKinds(span: SourceSpan) -> Bool {
        var counts: [String: Int] = [:]
        var attributes: [String: Set<String>] = [:]
        for entity in knowledgeBase.snapshot.entities {
            counts[entity.kind, default: 0] += 1
            attributes[entity.kind, default: []].formUnion(entity.attributes.map(\.name))
        }
        let rows = counts.keys.sorted().map { kind in
            Answer.Row(values: [.symbol(kind), .integer(Int64(counts[kind]!)), .symbol(attributes[kind, default: []].sorted().joined(separator: ", "))], holdsIn: [])
        }
        return printAnswer(Answer(columns: ["kind", "entities", "attributes"], perspective: .commonGround, rows: rows), before: nil, for: span)
    }

    private func list(_ name: String, span: SourceSpan) -> Bool {
        guard !name.isEmpty else { return usage("expected a predicate name after ':list'", span) }
        guard let listing = knowledgeBase.listing(of: name) else { return unknownPredicate(name, span) }
        // The rules and the facts are one answer (for `:once`).
        for rule in listing.rules {
            let owner = rule.source.map { "according to \($0): " } ?? ""
            emitPart("\(owner)\(rule.text)    # \(rule.span.description)\n")
        }
        guard !listing.facts.isEmpty || listing.rules.isEmpty else {
            endOfAnswer()
            return true
        }
        let columns = (1...max(1, listing.summary.arity)).map { "\($0)" }.prefix(listing.summary.arity)
        let rows = listing.facts.map { fact in
            Answer.Row(values: fact.values + [.symbol(fact.source ?? "common ground")], holdsIn: [])
        }
        return printAnswer(Answer(columns: Array(columns) + ["source"], perspective: .commonGround, rows: rows), before: nil, for: span)
    }

    private func unknownPredicate(_ name: String, _ span: SourceSpan) -> Bool {
        let nearest = nearestName(to: name, among: knowledgeBase.predicateNames)
        reportDiagnostic(.error("unknown predicate '\(name)'", at: span, help: nearest.map { "did you mean '\($0)'?" }))
        return false
    }
}

extension String {
    func trimmingTrailingBlanks() -> String {
        var text = self
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }
}
