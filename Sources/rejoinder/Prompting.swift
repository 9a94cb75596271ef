import Foundation
import RejoinderSession
import RejoinderSyntax

/// Starts the interactive prompt on a terminal.
enum Prompting {
    static func run(_ session: Session) {
        let environment = ProcessInfo.processInfo.environment
        let historyFile = HistoryFile.defaultPath(environment: environment).map { HistoryFile(path: $0) }
        guard let reader = EditLineReader(programName: "rejoinder", history: historyFile?.load() ?? [],
                                          complete: { line, cursor in session.completions(line: line, cursor: cursor) }) else {
            session.output.error("error: the line editor could not start on this terminal\n")
            return
        }
        Interrupts.cancelQueries()
        session.pager = TerminalPager.fromEnvironment()
        session.output.answer(session.banner)
        if let home = environment["HOME"], case let path = home + "/.rejoinderrc", FileManager.default.fileExists(atPath: path),
           let file = try? FileSystem.readFile(path) {
            session.run(file)
        }
        session.runInteractively(reader: reader, history: historyFile)
    }
}
