import Foundation
import RejoinderSession

/// `$PAGER` (or `less`, or `more`) for answers taller than the terminal, as
/// psql does. `PAGER=` (empty) turns paging off; `less` gets `LESS=FRX`
/// unless `LESS` is set, so that colours pass and the answer stays on the
/// screen after `q`.
final class TerminalPager: AnswerPager {
    private let command: String
    private var process: Process?
    private var input: Pipe?

    private init(command: String) {
        self.command = command
    }

    /// The pager the environment asks for, or nil for none.
    static func fromEnvironment() -> TerminalPager? {
        let environment = ProcessInfo.processInfo.environment
        if let pager = environment["PAGER"] {
            return pager.trimmingCharacters(in: .whitespaces).isEmpty ? nil : TerminalPager(command: pager)
        }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["less", "more"] where path.split(separator: ":").contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }) {
            return TerminalPager(command: name)
        }
        return nil
    }

    var screenLines: Int { max(2, (Terminal.standardOutput.rows ?? 24) - 1) }

    func open() -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var environment = ProcessInfo.processInfo.environment
        if environment["LESS"] == nil { environment["LESS"] = "FRX" }
        process.environment = environment
        let input = Pipe()
        process.standardInput = input
        do {
            try process.run()
        } catch {
            return false
        }
        self.process = process
        self.input = input
        return true
    }

    func write(_ text: String) -> Bool {
        guard let descriptor = input?.fileHandleForWriting.fileDescriptor else { return false }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                // EPIPE: the pager has quit.
                return false
            }
            bytes = bytes.dropFirst(count)
        }
        return true
    }

    func close() {
        try? input?.fileHandleForWriting.close()
        process?.waitUntilExit()
        process = nil
        input = nil
    }
}
