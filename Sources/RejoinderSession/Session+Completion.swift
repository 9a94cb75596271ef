import Foundation
import RejoinderEngine
import RejoinderRendering
import RejoinderSyntax

/// What Tab offers: the words that could replace the one being typed.
public struct Completion: Equatable, Sendable {
    /// One candidate: the text to insert, and how to show it in a list.
    public struct Candidate: Equatable, Sendable {
        public let text: String
        public let display: String
    }

    /// Where the word being completed starts, in characters of the line.
    public let start: Int
    /// The word typed so far.
    public let prefix: String
    public let candidates: [Candidate]

    /// The longest text every candidate starts with.
    public var commonPrefix: String {
        guard var common = candidates.first?.text else { return prefix }
        for candidate in candidates.dropFirst() {
            while !candidate.text.hasPrefix(common) { common.removeLast() }
        }
        return common
    }
}

extension Session {
    /// The completions for the word before `cursor` in `line`, from live
    /// data: meta-commands and their arguments, keywords, predicates,
    /// constants of the fact base, sources after `according to` or
    /// `contrast`, and file paths after `:load`, `:read`, `:output` and `:once`.
    public func completions(line: String, cursor: Int) -> Completion {
        let before = String(line.prefix(cursor))
        let trimmed = before.drop { $0 == " " || $0 == "\t" }
        if trimmed.hasPrefix(":") && !trimmed.hasPrefix(":-") {
            return commandCompletions(before: before)
        }
        let word = String(before.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        let start = before.count - word.count
        let context = before.dropLast(word.count)
        if followsSourceKeyword(context) {
            return completion(start: start, prefix: word, names: knowledgeBase.views.map { ($0, $0) })
        }
        if word.first?.isUppercase == true { return Completion(start: start, prefix: word, candidates: []) }
        var names: [(String, String)] = ["not", "in", "why", "contrast", "according to"].map { ($0, $0) }
        for summary in knowledgeBase.schema {
            names.append((summary.name, summary.signature))
        }
        for constant in knowledgeBase.constantNames(startingWith: word) where Lexer.isPlainName(constant) {
            names.append((constant, constant))
        }
        return completion(start: start, prefix: word, names: names)
    }

    private func commandCompletions(before: String) -> Completion {
        let trimmed = before.drop { $0 == " " || $0 == "\t" }
        let afterColon = trimmed.dropFirst()
        guard let space = afterColon.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            let start = before.count - afterColon.count - 1
            return completion(start: start, prefix: ":" + afterColon, names: MetaCommand.allCases.map { (":" + $0.rawValue, ":" + $0.rawValue) })
        }
        // `:output! FILE` completes as `:output FILE`.
        var name = String(afterColon[..<space])
        if name.hasSuffix("!") { name.removeLast() }
        let argument = String(afterColon[space...].drop { $0 == " " || $0 == "\t" })
        let start = before.count - argument.count
        switch MetaCommand(rawValue: name) {
        case .load, .read, .output, .once:
            return pathCompletion(start: start, typed: argument)
        case .export:
            let parts = argument.split(separator: " ", omittingEmptySubsequences: false)
            if parts.count <= 1 { return completion(start: start, prefix: argument, names: ["dot", "aif", "apx", "json"].map { ($0, $0) }) }
            let typed = String(parts.last!)
            if parts.count == 2 { return pathCompletion(start: before.count - typed.count, typed: typed) }
            return completion(start: before.count - typed.count, prefix: typed, names: knowledgeBase.views.map { ($0, $0) })
        case .format:
            return completion(start: start, prefix: argument, names: OutputFormat.allCases.map { ($0.rawValue, $0.rawValue) })
        case .exercise:
            return completion(start: start, prefix: argument, names: exercises.map { ($0.id, $0.id) })
        case .timing, .bail:
            return completion(start: start, prefix: argument, names: [("on", "on"), ("off", "off")])
        case .help:
            return completion(start: start, prefix: argument, names: (["queries"] + MetaCommand.allCases.map(\.rawValue)).map { ($0, $0) })
        case .schema, .list:
            return completion(start: start, prefix: argument, names: knowledgeBase.schema.map { ($0.name, $0.signature) })
        default:
            return Completion(start: start, prefix: argument, candidates: [])
        }
    }

    /// File and folder names for a path being typed; folders end in '/'.
    private func pathCompletion(start: Int, typed: String) -> Completion {
        let slash = typed.lastIndex(of: "/")
        let folder = slash.map { String(typed[...$0]) } ?? ""
        let namePrefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        let listed = folder.isEmpty ? "." : (folder.hasPrefix("~/") ? NSHomeDirectory() + folder.dropFirst() : folder)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: listed)) ?? []
        var candidates: [Completion.Candidate] = []
        for entry in entries.sorted() where entry.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !entry.hasPrefix(".")) {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: listed + "/" + entry, isDirectory: &isDirectory)
            let text = folder + entry + (isDirectory.boolValue ? "/" : "")
            candidates.append(.init(text: text, display: entry + (isDirectory.boolValue ? "/" : "")))
        }
        return Completion(start: start, prefix: typed, candidates: candidates)
    }

    private func completion(start: Int, prefix: String, names: [(String, String)]) -> Completion {
        var seen: Set<String> = []
        var candidates: [Completion.Candidate] = []
        for (text, display) in names.sorted(by: { $0.0 < $1.0 }) where text.hasPrefix(prefix) && seen.insert(text).inserted {
            candidates.append(.init(text: text, display: display))
        }
        return Completion(start: start, prefix: prefix, candidates: candidates)
    }

    /// Whether a source name comes next: after `according to`, after
    /// `contrast`, or after a comma in the list of sources of a `contrast`.
    func followsSourceKeyword(_ text: Substring) -> Bool {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "," }).map(String.init)
        guard let last = words.last else { return false }
        if last == "contrast" || (last == "to" && words.dropLast().last == "according") { return true }
        let ending = text.reversed().drop { $0 == " " || $0 == "\t" }
        guard ending.first == ",", let keyword = words.lastIndex(of: "contrast") else { return false }
        return words[(keyword + 1)...].allSatisfy(knowledgeBase.views.contains)
    }
}
