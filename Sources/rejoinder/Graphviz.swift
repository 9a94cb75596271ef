import Foundation
import RejoinderEngine
import Synchronization

/// Renders DOT with Graphviz's `dot`, when it is installed.
enum Graphviz {
    struct Failure: Error {
        let message: String
    }

    /// The SVG text `dot -Tsvg` makes of `dot`, or a failure when it takes
    /// longer than `seconds`.
    ///
    /// The DOT goes in on one thread while standard output and standard
    /// error are read on two others, so that no pipe fills while another
    /// is waited on; a `dot` that exits early is an error, not a SIGPIPE;
    /// one that runs past the time limit is killed. Should Rejoinder itself
    /// die, `dot` meets the end of its input and then a closed pipe, and
    /// ends too.
    static func svg(from source: String, timeLimit seconds: Double) throws -> String {
        guard let executable = locate("dot") else {
            throw Failure(message: "cannot render SVG: Graphviz's 'dot' is not on the PATH; install it with 'apt-get install graphviz', or export DOT and render it elsewhere")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Failure(message: "cannot run '\(executable)': \(error.localizedDescription)")
        }
        let group = DispatchGroup()
        let svg = Collected(), problems = Collected()
        DispatchQueue.global().async(group: group) {
            let bytes = Array(source.utf8)
            let descriptor = input.fileHandleForWriting.fileDescriptor
            var written = 0
            while written < bytes.count {
                let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
                if count < 0 && errno == EINTR { continue }
                // EPIPE: dot stopped reading; its status says why.
                if count <= 0 { break }
                written += count
            }
            try? input.fileHandleForWriting.close()
        }
        DispatchQueue.global().async(group: group) { svg.set(output.fileHandleForReading.readDataToEndOfFile()) }
        DispatchQueue.global().async(group: group) { problems.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        if group.wait(timeout: .now() + seconds) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            group.wait()
            process.waitUntilExit()
            throw Failure(message: "dot did not finish within \(Datum.shortest(seconds)) s and was stopped; --dot-timeout SECONDS gives it longer")
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let said = String(decoding: problems.get(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let how = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)" : "was killed by signal \(process.terminationStatus)"
            throw Failure(message: "dot failed (it \(how))" + (said.isEmpty ? "" : ": " + said))
        }
        return String(decoding: svg.get(), as: UTF8.self)
    }

    /// Bytes one reader thread collects for the caller.
    private final class Collected: Sendable {
        private let data = Mutex(Data())
        func set(_ value: Data) { data.withLock { $0 = value } }
        func get() -> Data { data.withLock { $0 } }
    }

    private static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
