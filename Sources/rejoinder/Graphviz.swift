import Foundation

/// Renders DOT with Graphviz's `dot`, when it is installed.
enum Graphviz {
    struct Failure: Error {
        let message: String
    }

    /// The SVG text `dot -Tsvg` makes of `dot`.
    static func svg(from source: String) throws -> String {
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
        try process.run()
        let writer = Thread {
            input.fileHandleForWriting.write(Data(source.utf8))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        let problems = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(message: "dot failed: " + String(decoding: problems, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return String(decoding: svg, as: UTF8.self)
    }

    private static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
