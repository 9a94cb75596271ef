import Foundation

/// Runs the built `rejoinder` binary, as a user would from a shell.
public struct ProcessRunner {
    public struct Result {
        public let output: String
        public let error: String
        public let status: Int32
    }

    /// The `rejoinder` executable built beside the test bundle.
    public static var rejoinder: String {
        let candidates = [Bundle.main.executableURL?.deletingLastPathComponent(), Bundle(for: Marker.self).bundleURL.deletingLastPathComponent()]
            .compactMap { $0?.appendingPathComponent("rejoinder").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? ProjectPaths.root() + "/.build/debug/rejoinder"
    }

    private final class Marker {}

    /// Runs `executable` with `arguments`, feeding `input` on standard input.
    public static func run(_ arguments: [String], executable: String = rejoinder, input: String = "",
                           environment: [String: String] = [:], directory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "REJOINDER_KB")
        merged.merge(environment) { _, new in new }
        process.environment = merged
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Read both pipes while the process runs, so neither can fill up.
        let errorData = Mutexed(Data())
        let reader = Thread { errorData.set(stderr.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        return Result(output: String(decoding: outputData, as: UTF8.self), error: String(decoding: errorData.value, as: UTF8.self),
                      status: process.terminationStatus)
    }

    /// Runs `rejoinder` with `arguments` on `input` and kills it with
    /// SIGKILL after `delay` microseconds, whatever it is doing then
    /// (writing a file, say). Its output is thrown away.
    public static func runAndKill(_ arguments: [String], input: String, after delay: UInt32, environment: [String: String]? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: rejoinder)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        usleep(delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A copy of the binary in `folder`, ready to run. It is made by cp,
    /// not in this process: a test running alongside that forks while a
    /// write descriptor of ours is open would keep the copy busy, and
    /// running it would fail ("Text file busy").
    public static func copyOfBinary(in folder: String) throws -> String {
        let copy = folder + "/rejoinder"
        let copied = try run([rejoinder, copy], executable: "/bin/cp")
        guard copied.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: copied.error]) }
        return copy
    }

    /// A fresh temporary folder.
    public static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "rejoinder-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A value written once by another thread.
private final class Mutexed<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    private var written = false

    init(_ value: Value) { stored = value }

    func set(_ value: Value) {
        lock.lock(); stored = value; written = true; lock.unlock()
    }

    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return written }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
}
