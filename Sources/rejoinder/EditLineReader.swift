import CEditLine
import Foundation
import RejoinderSession

/// Reads prompt lines through the system's libedit: emacs keys, `~/.editrc`,
/// an in-memory history the arrow keys walk, and Tab completion. Ctrl-C is a
/// key here (the tty's `isig` is off while editing), bound to a function
/// that ends the line as interrupted.
final class EditLineReader: LineReader {
    private let editor: OpaquePointer
    private let history: OpaquePointer
    private let complete: (String, Int) -> Completion
    /// The prompt libedit shows; kept as a C string libedit can read.
    private var promptText: UnsafeMutablePointer<CChar>
    private var interrupted = false

    init?(programName: String, history entries: [String], complete: @escaping (String, Int) -> Completion) {
        // Streams of our own on the standard descriptors: the C globals
        // `stdin`/`stdout` are shared mutable state to Swift 6.
        guard let input = fdopen(STDIN_FILENO, "r"), let output = fdopen(STDOUT_FILENO, "w"), let errors = fdopen(STDERR_FILENO, "w"),
              let editor = el_init(programName, input, output, errors), let history = history_init() else { return nil }
        self.editor = editor
        self.history = history
        self.complete = complete
        promptText = strdup("")
        rejoinder_history_set_size(history, 1000)
        rejoinder_history_set_unique(history, 1)
        for entry in entries { rejoinder_history_enter(history, entry) }
        rejoinder_el_set_history(editor, history)
        rejoinder_el_set_editor(editor, "emacs")
        // The tool owns the signals; while editing, Ctrl-C is a key.
        rejoinder_el_set_signal(editor, 0)
        rejoinder_el_set_edit_tty(editor, "-isig")
        rejoinder_el_set_client_data(editor, Unmanaged.passUnretained(self).toOpaque())
        rejoinder_el_set_prompt(editor) { editor in
            EditLineReader.reader(of: editor)?.promptText
        }
        rejoinder_el_add_function(editor, "rejoinder-complete", "Complete the word before the cursor") { editor, _ in
            EditLineReader.reader(of: editor)?.completeWord() ?? UInt8(CC_ERROR)
        }
        rejoinder_el_add_function(editor, "rejoinder-interrupt", "Discard the entry being typed") { editor, _ in
            EditLineReader.reader(of: editor)?.interrupted = true
            return UInt8(CC_NEWLINE)
        }
        // libedit's own Ctrl-D echoes "^D" before it ends the input.
        rejoinder_el_add_function(editor, "rejoinder-end-or-delete", "Leave on an empty line, else delete the next character") { editor, _ in
            guard let editor, let info = el_line(editor)?.pointee else { return UInt8(CC_ERROR) }
            if info.buffer == info.lastchar { return UInt8(CC_EOF) }
            if info.cursor == info.lastchar { return UInt8(CC_REFRESH_BEEP) }
            el_cursor(editor, 1)
            el_deletestr(editor, 1)
            return UInt8(CC_REFRESH)
        }
        rejoinder_el_bind(editor, "^D", "rejoinder-end-or-delete")
        rejoinder_el_bind(editor, "^I", "rejoinder-complete")
        rejoinder_el_bind(editor, "^C", "rejoinder-interrupt")
        // ~/.editrc (or $EDITRC), read last so that it can rebind keys.
        el_source(editor, nil)
    }

    deinit {
        el_end(editor)
        history_end(history)
        free(promptText)
    }

    private static func reader(of editor: OpaquePointer?) -> EditLineReader? {
        guard let editor, let data = rejoinder_el_get_client_data(editor) else { return nil }
        return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
    }

    func readLine(prompt: String) -> LineInput {
        free(promptText)
        promptText = strdup(prompt)
        interrupted = false
        var count: Int32 = 0
        let line = el_gets(editor, &count)
        // Before the end of input: Ctrl-C on an empty line makes el_gets
        // return nothing, as Ctrl-D does, and it must not leave.
        if interrupted {
            // Leave the discarded line visible, as a shell does after ^C.
            Terminal.write("^C\n", to: .standardOutput)
            return .interrupted
        }
        guard let line else {
            // End the prompt's line, so that the shell's prompt starts on its own.
            Terminal.write("\n", to: .standardOutput)
            return .endOfInput
        }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(text)
    }

    func remember(_ entry: String) {
        rejoinder_history_enter(history, entry)
    }

    /// Tab: inserts the rest of the only candidate, or what all candidates
    /// share; when that adds nothing, lists them (as psql does).
    private func completeWord() -> UInt8 {
        guard let info = el_line(editor)?.pointee else { return UInt8(CC_ERROR) }
        let length = info.lastchar - info.buffer
        let cursorBytes = info.cursor - info.buffer
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(info.buffer).assumingMemoryBound(to: UInt8.self), count: length)
        let line = String(decoding: bytes, as: UTF8.self)
        let cursor = String(decoding: bytes.prefix(cursorBytes), as: UTF8.self).count
        let completion = complete(line, cursor)
        guard !completion.candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let common = completion.commonPrefix
        if completion.candidates.count == 1 || common.count > completion.prefix.count {
            var insertion = String(common.dropFirst(completion.prefix.count))
            if completion.candidates.count == 1, !common.hasSuffix("/") { insertion += " " }
            el_insertstr(editor, insertion)
            return UInt8(CC_REFRESH)
        }
        list(completion.candidates.map(\.display))
        return UInt8(CC_REDISPLAY)
    }

    /// The candidates in columns under the line being edited.
    private func list(_ names: [String]) {
        let width = (names.map(\.count).max() ?? 0) + 2
        let columns = max(1, min(names.count, 80 / max(1, width)))
        var output = "\n"
        for (index, name) in names.enumerated() {
            output += name.padding(toLength: width, withPad: " ", startingAt: 0)
            if (index + 1) % columns == 0 || index == names.count - 1 { output += "\n" }
        }
        Terminal.write(output, to: .standardOutput)
    }
}
