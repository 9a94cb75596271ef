import RejoinderSession
import RejoinderSyntax

/// A prompt without line editing, reading standard input line by line.
struct PlainPrompt {
    let session: Session

    func run() {
        var buffer = ""
        var entry = 0
        while !session.wantsToQuit {
            print(buffer.isEmpty ? "?- " : "   ...> ", terminator: "")
            guard let line = readLine() else { break }
            buffer += line + "\n"
            entry += 1
            let file = SourceFile(name: "<prompt>", text: buffer)
            if Parser.parse(file).isIncomplete && !line.trimmingPrefix(" ").hasPrefix(":") { continue }
            session.run(file)
            buffer = ""
        }
    }
}
