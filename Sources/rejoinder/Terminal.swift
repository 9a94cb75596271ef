import Foundation

/// Facts about the standard streams and the environment that decide how
/// output looks.
struct Terminal {
    let descriptor: Int32

    static let standardInput = Terminal(descriptor: STDIN_FILENO)
    static let standardOutput = Terminal(descriptor: STDOUT_FILENO)
    static let standardError = Terminal(descriptor: STDERR_FILENO)

    var isInteractive: Bool { isatty(descriptor) == 1 }

    /// The terminal's width, when it has one.
    var columns: Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The terminal's height, when it has one.
    var rows: Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return Int(size.ws_row)
    }

    /// `NO_COLOR` set to anything turns colour off (no-color.org).
    static var colorIsDisabled: Bool {
        ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    }

    /// Whether the locale says the terminal shows UTF-8 (box drawing, ✓).
    static var isUTF8Locale: Bool {
        let environment = ProcessInfo.processInfo.environment
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LANG"] ?? ""
        let lowered = locale.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }

    enum Stream { case standardOutput, standardError }

    /// Writes every byte of `text`. A reader that went away (`… | head`)
    /// ends the program quietly, as it ends `cat`; any other failure (a full
    /// disk, a closed descriptor) is said in one line on standard error, and
    /// the program exits 1: output that cannot be written is never dropped
    /// in silence, nor a crash.
    static func write(_ text: String, to stream: Stream) {
        let descriptor = stream == .standardOutput ? STDOUT_FILENO : STDERR_FILENO
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count >= 0 {
                bytes = bytes.dropFirst(count)
                continue
            }
            let code = errno
            if code == EINTR { continue }
            if code == EPIPE { exit(0) }
            if stream == .standardOutput {
                let message = "rejoinder: cannot write to standard output: \(String(cString: strerror(code)))\n"
                _ = message.withCString { Glibc.write(STDERR_FILENO, $0, strlen($0)) }
            }
            exit(1)
        }
    }
}
