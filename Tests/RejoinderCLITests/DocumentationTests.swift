import Foundation
import RejoinderTestSupport
import Testing

/// The README's examples are real: running them prints what it shows.
@Suite struct DocumentationTests {
    /// The fenced blocks of the README, in order.
    private func codeBlocks() throws -> [String] {
        let readme = try String(contentsOfFile: ProjectPaths.root() + "/README.md", encoding: .utf8)
        let parts = readme.components(separatedBy: "```")
        return stride(from: 1, to: parts.count, by: 2).map { part in
            let block = parts[part]
            return String(block.drop { $0 != "\n" }.dropFirst())
        }
    }

    @Test func theFiveMinuteTourPrintsWhatTheReadmeShows() throws {
        let blocks = try codeBlocks()
        let scriptIndex = try #require(blocks.firstIndex { $0.hasPrefix("partner(russia, china).") })
        let result = try ProcessRunner.run(["run", "--no-default-kb", "-"], input: blocks[scriptIndex])
        #expect(result.status == 0)
        #expect(result.output == blocks[scriptIndex + 1])
    }

    @Test func theWhyExampleIsReal() throws {
        let blocks = try codeBlocks()
        let example = try #require(blocks.first { $0.hasPrefix("according to wong:\nmeets(") })
        let result = try ProcessRunner.run(["run", "-e", "why meets(russia, criticism, 2020) according to wong."])
        #expect(result.output == example)
    }

    @Test func thePreferredSemanticsExampleIsReal() throws {
        let blocks = try codeBlocks()
        let example = try #require(blocks.first { $0.hasPrefix("skeptical(wong_russia_meets_standards, preferred) does not hold") })
        let result = try ProcessRunner.run(["run", "-e", ":depth 1", "-e", "why not skeptical(wong_russia_meets_standards, preferred) according to asan."])
        #expect(result.output == example)
        let survivors = try ProcessRunner.run(["run", "--format", "csv", "-e", "?- N = count : { claim C { by: wong }, skeptical(C, preferred) } according to asan."])
        #expect(survivors.output == "N\r\n117\r\n")
        let survivor = try #require(blocks.first { $0.hasPrefix("according to asan:\nskeptical(wong_book_high_quality") })
        #expect(try ProcessRunner.run(["run", "-e", "why skeptical(wong_book_high_quality, preferred) according to asan."]).output == survivor)
    }

    @Test func theDiagnosticExampleIsReal() throws {
        let blocks = try codeBlocks()
        let example = try #require(blocks.first { $0.hasPrefix("five.rj:") })
        let folder = try ProcessRunner.temporaryFolder()
        let line = try #require(example.split(separator: "\n").dropFirst().first).dropFirst(2)
        try "partner(russia, china).\ndefers(russia, china).\n\(line)\n".write(toFile: folder + "/five.rj", atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run(["check", "five.rj"], directory: folder)
        #expect(result.error == example)
    }

    @Test func theLimitExampleIsReal() throws {
        let blocks = try codeBlocks()
        let example = try #require(blocks.first { $0.hasPrefix("<arg>:1:1: error: evaluation stopped") })
        let folder = try ProcessRunner.temporaryFolder()
        try "n(0). n(X) :- n(Y), X = Y + 1.\n".write(toFile: folder + "/n.rj", atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run(["run", "--no-default-kb", "--kb", folder + "/n.rj", "--max-facts", "1000", "-e", "?- n(-1)."])
        #expect(result.error == example)
    }
}

/// Every query in Knowledge/README.md prints the output shown under it.
@Suite struct KnowledgeReadmeTests {
    @Test func everyExampleQueryPrintsItsOutput() throws {
        let readme = try String(contentsOfFile: ProjectPaths.root() + "/Knowledge/README.md", encoding: .utf8)
        let parts = readme.components(separatedBy: "```\n")
        var blocks = stride(from: 1, to: parts.count, by: 2).map { parts[$0] }
        var checked = 0
        while let query = blocks.first {
            blocks.removeFirst()
            guard query.hasPrefix("?- "), let output = blocks.first else { continue }
            blocks.removeFirst()
            let result = try ProcessRunner.run(["run", "-e", query])
            #expect(result.status == 0, "\(query)\(result.error)")
            #expect(result.output == output, "\(query)")
            checked += 1
        }
        #expect(checked >= 15)
    }

    /// The relations the guide documents under a heading have `##`
    /// documentation in the knowledge, and the guide says what it says:
    /// `:help meets` and the guide cannot drift apart.
    @Test func everyDocumentedRelationMatchesTheGuide() throws {
        let readme = try String(contentsOfFile: ProjectPaths.root() + "/Knowledge/README.md", encoding: .utf8)
        let flat = readme.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let headings = readme.split(separator: "\n").filter { $0.hasPrefix("### ") }
        // `name(…)` and `name/N` in headings are relations; `kind X` are entities.
        let named = headings.flatMap { heading in
            heading.matches(of: /`([a-z_]+)(\(|\/)/).map { String($0.output.1) }
        }
        #expect(named.count >= 18)
        for relation in Set(named) {
            let help = try ProcessRunner.run(["run", "-e", ":help \(relation)"])
            #expect(help.output.hasPrefix("\(relation)("), "no ## documentation for \(relation): \(help.output)")
            let text = help.output.split(separator: "\n").dropFirst().joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(!text.isEmpty && flat.contains(text), "\(relation): the guide does not say '\(text)'")
        }
    }
}
