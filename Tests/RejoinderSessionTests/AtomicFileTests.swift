import Foundation
import Synchronization
@testable import RejoinderSession
import Testing

/// Writing never replaces what a path points to with something else: each
/// kind of node is made by the test in a folder of its own.
@Suite struct AtomicFileTests {
    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "rejoinder-atomic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func kind(_ path: String) -> mode_t {
        var status = stat()
        lstat(path, &status)
        return status.st_mode & S_IFMT
    }

    private func mode(_ path: String) -> mode_t {
        var status = stat()
        stat(path, &status)
        return status.st_mode & 0o7777
    }

    private func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func aLinkIsFollowedAndKept() throws {
        let base = try folder()
        try "old".write(toFile: base + "/real.txt", atomically: false, encoding: .utf8)
        symlink("real.txt", base + "/link")
        try AtomicFile.write("new", to: base + "/link")
        #expect(kind(base + "/link") == S_IFLNK)
        #expect(contents(base + "/real.txt") == "new")
        // A link to a file not yet there creates the file, not a new link target.
        symlink(base + "/later.txt", base + "/dangling")
        try AtomicFile.write("made", to: base + "/dangling")
        #expect(kind(base + "/dangling") == S_IFLNK && contents(base + "/later.txt") == "made")
    }

    @Test func theOldModeIsKeptAndReadOnlyIsRefused() throws {
        let base = try folder()
        try "secret".write(toFile: base + "/private", atomically: false, encoding: .utf8)
        chmod(base + "/private", 0o600)
        try AtomicFile.write("still secret", to: base + "/private")
        #expect(mode(base + "/private") == 0o600 && contents(base + "/private") == "still secret")
        try "keep".write(toFile: base + "/frozen", atomically: false, encoding: .utf8)
        chmod(base + "/frozen", 0o444)
        #expect(throws: FileWriteError.self) { try AtomicFile.write("lost", to: base + "/frozen") }
        do {
            try AtomicFile.write("lost", to: base + "/frozen")
        } catch {
            #expect(error.message == "cannot write '\(base)/frozen': it is read-only")
        }
        #expect(contents(base + "/frozen") == "keep")
        try AtomicFile.write("replaced", to: base + "/frozen", replacingReadOnly: true)
        #expect(contents(base + "/frozen") == "replaced" && mode(base + "/frozen") == 0o444)
        // A new file gets the mode asked for, whatever the umask.
        try AtomicFile.write("h", to: base + "/history", permissions: 0o600)
        #expect(mode(base + "/history") == 0o600)
    }

    @Test func devicesAreWrittenInPlace() throws {
        let base = try folder()
        // The null and full devices (1,3 and 1,7), as nodes of our own.
        guard mknod(base + "/null", S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0,
              mknod(base + "/full", S_IFCHR | 0o666, dev_t(1 << 8 | 7)) == 0 else {
            Issue.record("cannot make device nodes here (errno \(errno)); the test needs root with CAP_MKNOD")
            return
        }
        try AtomicFile.write("gone", to: base + "/null")
        #expect(kind(base + "/null") == S_IFCHR)
        do {
            try AtomicFile.write("too much", to: base + "/full")
            Issue.record("writing to a full device succeeded")
        } catch {
            #expect(error.message == "cannot write '\(base)/full': no space left on the device")
        }
        #expect(kind(base + "/full") == S_IFCHR)
    }

    @Test func aFIFOIsWrittenToItsReaderAndRefusedWithoutOne() throws {
        let base = try folder()
        let fifo = base + "/pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        // The reader on a thread of its own: the tests' shared pool may be
        // busy for longer than the writer waits.
        let received = Mutex("")
        let done = DispatchSemaphore(value: 0)
        Thread {
            let handle = FileHandle(forReadingAtPath: fifo)!
            let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
            // Closed before the writer goes on, or it would find a reader.
            try? handle.close()
            received.withLock { $0 = text }
            done.signal()
        }.start()
        try AtomicFile.write("through the pipe", to: fifo)
        done.wait()
        #expect(received.withLock { $0 } == "through the pipe")
        #expect(kind(fifo) == S_IFIFO)
        let started = ContinuousClock.now
        do {
            try AtomicFile.write("nobody", to: fifo)
            Issue.record("a FIFO without a reader was written")
        } catch {
            #expect(error.message == "cannot write '\(fifo)': it is a FIFO and nothing has been reading it for 5 seconds")
        }
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(kind(fifo) == S_IFIFO)
    }

    @Test func temporariesOfKilledWritesAreRemoved() throws {
        let base = try folder()
        // A process id above Linux's largest (2^22) belongs to no process.
        let abandoned = base + "/.notes.txt.99999999.42.tmp"
        let unrelated = base + "/.other.txt.99999999.42.tmp"
        try "half".write(toFile: abandoned, atomically: false, encoding: .utf8)
        try "half".write(toFile: unrelated, atomically: false, encoding: .utf8)
        try AtomicFile.write("whole", to: base + "/notes.txt")
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: unrelated))
        #expect(try FileManager.default.contentsOfDirectory(atPath: base).sorted() == [".other.txt.99999999.42.tmp", "notes.txt"])
    }
}
