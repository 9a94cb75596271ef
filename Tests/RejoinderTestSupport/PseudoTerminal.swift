import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program on a pseudo-terminal, as a person at a terminal would:
/// it sees a tty (so `rejoinder` starts its line editor), and keys such as
/// Tab and Ctrl-C arrive as bytes typed at the keyboard.
public final class PseudoTerminal {
    public struct Timeout: Error, CustomStringConvertible {
        public let expected: String
        public let screen: String
        public var description: String { "timed out waiting for \(expected.debugDescription); the terminal showed:\n\(screen)" }
    }

    private let master: Int32
    public let pid: pid_t
    /// Everything the program has written so far, as text: carriage
    /// returns and terminal control sequences (cursor moves) removed.
    public private(set) var transcript = ""
    private var consumed = 0
    /// Bytes read but not yet turned into text (a sequence cut in two).
    private var pending: [UInt8] = []

    public init(_ executable: String, _ arguments: [String], environment: [String: String], columns: UInt16 = 100, rows: UInt16 = 40) throws {
        // Build every C string before forking: after fork the child may only
        // call async-signal-safe functions until it execs.
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        var descriptor: Int32 = -1
        let child = forkpty(&descriptor, nil, nil, &size)
        if child == 0 {
            execve(executable, argv, envp)
            _exit(127)
        }
        for pointer in argv { free(pointer) }
        for pointer in envp { free(pointer) }
        guard child > 0 else { throw POSIXError(.EAGAIN) }
        pid = child
        master = descriptor
        let flags = fcntl(master, F_GETFL)
        _ = fcntl(master, F_SETFL, flags | O_NONBLOCK)
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    /// Types `text` (use "\t" for Tab, "\u{3}" for Ctrl-C, "\u{4}" for Ctrl-D).
    public func type(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress!, $0.count) }
            if count > 0 { offset += count } else { usleep(1000) }
        }
    }

    /// Waits until the output after the last match contains `expected`, and
    /// returns that output.
    @discardableResult
    public func expect(_ expected: String, timeout: Double = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            drain()
            let unread = String(transcript.dropFirst(consumed))
            if let range = unread.range(of: expected) {
                consumed += unread.distance(from: unread.startIndex, to: range.upperBound)
                return String(unread[..<range.upperBound])
            }
            if Date() > deadline { throw Timeout(expected: expected, screen: unread) }
            usleep(10_000)
        }
    }

    /// Waits for the program to exit and returns its exit status.
    public func waitForExit(timeout: Double = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            drain()
            if waitpid(pid, &status, WNOHANG) == pid {
                drain()
                return (status >> 8) & 0xFF
            }
            usleep(10_000)
        }
        return nil
    }

    /// Text without `\r` and without ESC sequences; leaves an unfinished
    /// sequence or UTF-8 character in `bytes` for the next read.
    private static func plainText(_ bytes: inout [UInt8]) -> String {
        var kept: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1B {
                var end = index + 1
                if end < bytes.count && bytes[end] == UInt8(ascii: "[") {
                    end += 1
                    while end < bytes.count && !(0x40...0x7E).contains(bytes[end]) { end += 1 }
                }
                guard end < bytes.count else { break }
                index = end + 1
                continue
            }
            if byte != UInt8(ascii: "\r") { kept.append(byte) }
            index += 1
        }
        bytes.removeFirst(index)
        return String(decoding: kept, as: UTF8.self)
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress!, $0.count) }
            guard count > 0 else { return }
            pending += buffer[0..<count]
            transcript += Self.plainText(&pending)
        }
    }
}
