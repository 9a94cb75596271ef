import ArgumentParser
import RejoinderEngine
import RejoinderSession
import RejoinderSyntax

extension RejoinderCommand {
    /// `rejoinder af`: the command line of the International Competition on
    /// Computational Models of Argumentation, so that Rejoinder runs where
    /// any competition solver runs.
    struct ArgumentationSolver: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "af",
            abstract: "Solve an argumentation framework, with the ICCMA solver interface.",
            discussion: """
                Tasks: SE (some extension, 'w a b' or NO), EE (every extension, a 'w' line each, or NO), CE (how many), \
                DC and DS (is -a ARG in some / every extension: YES or NO), each for GR, CO, PR or ST (as in SE-PR). \
                Files: apx (arg(a). att(a,b).) or i23 (p af N, then 'i j' attacks).
                """
        )

        enum Task: String, CaseIterable {
            case SE, EE, CE, DC, DS
        }

        static let semantics: [(code: String, semantics: AttackGraph.Semantics)] = [("GR", .grounded), ("CO", .complete), ("PR", .preferred), ("ST", .stable)]

        @Option(name: .customShort("p"), help: ArgumentHelp("The problem, TASK-SEMANTICS (see --problems).", valueName: "problem"))
        var problem: String?

        @Option(name: .customShort("f"), help: ArgumentHelp("The framework file.", valueName: "file"))
        var file: String?

        @Option(name: .customLong("fo", withSingleDash: true), help: ArgumentHelp("The file's format: apx or i23 (by default, from its extension).", valueName: "format"))
        var format: String?

        @Option(name: .customShort("a"), help: ArgumentHelp("The argument a DC or DS task asks about.", valueName: "argument"))
        var argument: String?

        @Flag(help: "Print the file formats this solver reads.")
        var formats = false

        @Flag(help: "Print the problems this solver solves.")
        var problems = false

        static var problemNames: [String] {
            Task.allCases.flatMap { task in semantics.map { "\(task.rawValue)-\($0.code)" } }
        }

        func run() throws {
            if formats { return Terminal.write("[" + FrameworkFile.Format.allCases.map(\.rawValue).joined(separator: ",") + "]\n", to: .standardOutput) }
            if problems { return Terminal.write("[" + Self.problemNames.joined(separator: ",") + "]\n", to: .standardOutput) }
            guard let problem, let path = file else { throw ValidationError("give -p PROBLEM and -f FILE, or --formats or --problems") }
            let parts = problem.split(separator: "-").map(String.init)
            guard parts.count == 2, let task = Task(rawValue: parts[0]), let semantics = Self.semantics.first(where: { $0.code == parts[1] })?.semantics else {
                throw ValidationError("unknown problem '\(problem)'; the problems are \(Self.problemNames.joined(separator: ", "))")
            }
            let formatName = format ?? (path.hasSuffix(".apx") ? "apx" : path.hasSuffix(".i23") || path.hasSuffix(".af") ? "i23" : "")
            guard let fileFormat = FrameworkFile.Format(rawValue: formatName) else {
                throw ValidationError(format == nil ? "cannot tell the format of '\(path)' from its name; give -fo apx or -fo i23" : "unknown format '\(formatName)'; use apx or i23")
            }
            let framework: FrameworkFile
            do {
                framework = try FrameworkFile.read(try FileSystem.readFile(path), format: fileFormat)
            } catch let error as FileReadError {
                Terminal.write("error: \(error.message)\n", to: .standardError)
                throw ExitCode(1)
            } catch let error as DiagnosticError {
                Terminal.write(error.diagnostics.map { DiagnosticFormatter().format($0) }.joined(), to: .standardError)
                throw ExitCode(1)
            }
            let graph = framework.graph
            func line(_ extension: [Int]) -> String { "w" + `extension`.map { " " + framework.names[$0] }.joined() + "\n" }
            switch task {
            case .SE:
                let found = graph.extensions(semantics, limit: 1)
                Terminal.write(found.first.map(line) ?? "NO\n", to: .standardOutput)
            case .EE:
                let found = graph.extensions(semantics)
                Terminal.write(found.isEmpty ? "NO\n" : found.map(line).joined(), to: .standardOutput)
            case .CE:
                Terminal.write("\(graph.extensions(semantics).count)\n", to: .standardOutput)
            case .DC, .DS:
                guard let argument else { throw ValidationError("\(task.rawValue) asks about one argument: give -a ARG") }
                guard let asked = framework.names.firstIndex(of: argument) else {
                    throw ValidationError("no argument '\(argument)' in \(path)")
                }
                // Decided for this argument alone, without enumerating; skeptical
                // acceptance holds vacuously when there is no extension.
                let holds = graph.accepts(asked, task == .DC ? .credulous : .skeptical, under: semantics)
                Terminal.write(holds ? "YES\n" : "NO\n", to: .standardOutput)
            }
        }
    }
}
