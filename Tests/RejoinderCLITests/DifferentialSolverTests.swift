import Foundation
import RejoinderEngine
import RejoinderSyntax
import RejoinderTestSupport
import Testing

/// `rejoinder af` and `AttackGraph` against an independent solver: pygarg
/// (SAT encodings through PySAT), on seeded random frameworks of 1 to 20
/// arguments, sparse to dense, with self-attacks and planted odd cycles.
/// Every task is compared under every semantics: EE as sets of sets, CE as
/// counts, DC and DS for every argument, and SE by checking that each
/// solver's extension is one the other enumerates (any one is a right
/// answer). pygarg answers all frameworks in one python process
/// (scripts/pygarg-driver.py); the engine answers every question directly,
/// and the built binary answers every task on a subset, for the interface.
@Suite struct DifferentialSolverTests {
    static let root = ProjectPaths.root()

    /// What scripts/ensure-pygarg reported: pygarg's python, or why not.
    enum Peer {
        case ready(python: String)
        case unreachable(reason: String)
        case broken(reason: String)

        var isReachable: Bool {
            if case .unreachable(let reason) = self {
                print("DifferentialSolverTests skipped: \(reason)")
                return false
            }
            return true
        }
    }

    static let peer: Peer = {
        do {
            let result = try ProcessRunner.run([], executable: root + "/scripts/ensure-pygarg")
            switch result.status {
            case 0: return .ready(python: result.output.trimmingCharacters(in: .whitespacesAndNewlines))
            case 3: return .unreachable(reason: "pygarg cannot be installed, PyPI is unreachable: " + result.error)
            default: return .broken(reason: "scripts/ensure-pygarg failed (\(result.status)): " + result.error)
            }
        } catch {
            return .broken(reason: "cannot run scripts/ensure-pygarg: \(error)")
        }
    }()

    static let semantics: [(code: String, semantics: AttackGraph.Semantics)] = [("GR", .grounded), ("CO", .complete), ("PR", .preferred), ("ST", .stable)]

    /// pygarg's answers for one framework and semantics, as the driver
    /// writes them (argument names, each list sorted).
    struct Answers: Decodable {
        let SE: [String]?
        let EE: [[String]]
        let CE: Int
        let DC: [String]
        let DS: [String]
    }

    struct Line: Decodable {
        let file: String
        let answers: [String: Answers]
    }

    /// A seeded framework in apx: arguments a0, a1, …; each ordered pair
    /// (self-attacks included) attacks with probability `density`; every
    /// third one has a 3- or 5-cycle planted on random arguments.
    static func framework(seed: Int) -> String {
        var random = SeededGenerator(seed: UInt64(seed) &+ 7_000)
        let count = 1 + seed % 20
        let density = [0.05, 0.1, 0.2, 0.3, 0.5][(seed / 20) % 5]
        var attacks: [(Int, Int)] = []
        var seen = Set<[Int]>()
        func add(_ attacker: Int, _ target: Int) {
            if seen.insert([attacker, target]).inserted { attacks.append((attacker, target)) }
        }
        for attacker in 0..<count {
            for target in 0..<count where Double.random(in: 0..<1, using: &random) < density { add(attacker, target) }
        }
        let cycle = seed % 2 == 0 ? 3 : 5
        if seed % 3 == 0 && count >= cycle {
            let members = Array((0..<count).shuffled(using: &random).prefix(cycle))
            for index in members.indices { add(members[index], members[(index + 1) % cycle]) }
        }
        return (0..<count).map { "arg(a\($0)).\n" }.joined() + attacks.map { "att(a\($0.0),a\($0.1)).\n" }.joined()
    }

    static func names(_ sets: [[Int]], _ file: FrameworkFile) -> [[String]] {
        sets.map { $0.map { file.names[$0] }.sorted() }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    @Test(.enabled(if: peer.isReachable, "pygarg cannot be installed from PyPI"))
    func everyTaskAgreesWithPygarg() throws {
        let python: String
        switch Self.peer {
        case .ready(let path): python = path
        case .broken(let reason), .unreachable(let reason):
            Issue.record(Comment(rawValue: reason))
            return
        }
        let folder = try ProcessRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let seeds = Array(0..<160)
        var paths: [String] = []
        for seed in seeds {
            let path = folder + "/f\(seed).apx"
            try Self.framework(seed: seed).write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let driven = try ProcessRunner.run([Self.root + "/scripts/pygarg-driver.py"], executable: python, input: paths.joined(separator: "\n") + "\n")
        try #require(driven.status == 0, "pygarg-driver.py failed: \(driven.error)")
        let lines = try driven.output.split(separator: "\n").map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
        try #require(lines.count == seeds.count, "pygarg answered \(lines.count) of \(seeds.count) frameworks: \(driven.error)")

        var files: [FrameworkFile] = []
        for (seed, line) in zip(seeds, lines) {
            let file = try FrameworkFile.read(SourceFile(name: line.file, text: Self.framework(seed: seed)), format: .apx)
            files.append(file)
            let graph = file.graph
            for (code, semantics) in Self.semantics {
                let theirs = try #require(line.answers[code])
                let context = "seed \(seed), \(code), \(line.file):\n\(Self.framework(seed: seed))"
                let every = Self.names(graph.extensions(semantics), file)
                #expect(every == theirs.EE, "EE \(context)")
                #expect(every.count == theirs.CE, "CE \(context)")
                let some = Self.names(graph.extensions(semantics, limit: 1), file).first
                #expect((some == nil) == (theirs.SE == nil), "SE \(context)")
                if let some { #expect(theirs.EE.contains(some), "SE (ours) \(context)") }
                if let other = theirs.SE { #expect(every.contains(other), "SE (pygarg's) \(context)") }
                let acceptance = graph.acceptance(semantics)
                #expect(file.names.indices.filter { acceptance.credulous[$0] }.map { file.names[$0] }.sorted() == theirs.DC, "DC \(context)")
                #expect(file.names.indices.filter { acceptance.skeptical[$0] }.map { file.names[$0] }.sorted() == theirs.DS, "DS \(context)")
            }
        }

        // The binary, on every eighth framework: every task under every
        // semantics, and DC and DS for one argument each.
        var commands: [(seed: Int, task: String, arguments: [String])] = []
        for seed in seeds where seed % 8 == 7 {
            let file = files[seed]
            for (code, _) in Self.semantics {
                for task in ["SE", "EE", "CE"] { commands.append((seed, "\(task)-\(code)", ["af", "-p", "\(task)-\(code)", "-f", paths[seed]])) }
                let asked = file.names[(seed / 8) % file.names.count]
                for task in ["DC", "DS"] { commands.append((seed, "\(task)-\(code) \(asked)", ["af", "-p", "\(task)-\(code)", "-f", paths[seed], "-a", asked])) }
            }
        }
        let outputs = Outputs(count: commands.count)
        let argumentLists = commands.map(\.arguments)
        DispatchQueue.concurrentPerform(iterations: argumentLists.count) { index in
            outputs.set(index, (try? ProcessRunner.run(argumentLists[index])).map { $0.status == 0 ? $0.output : "status \($0.status): \($0.error)" } ?? "did not run")
        }
        for (index, command) in commands.enumerated() {
            let output = outputs.value(index)
            let line = lines[command.seed]
            let task = command.task
            let theirs = try #require(line.answers[String(task.dropFirst(3).prefix(2))])
            let extensions = output.split(separator: "\n").map { $0.split(separator: " ").dropFirst().map(String.init).sorted() }
            let context = "seed \(command.seed), rejoinder \(command.arguments.joined(separator: " ")) printed \(output)"
            switch task.prefix(2) {
            case "SE": #expect(output == "NO\n" ? theirs.SE == nil : extensions.count == 1 && theirs.EE.contains(extensions[0]), "\(context)")
            case "EE": #expect(output == "NO\n" ? theirs.EE.isEmpty : extensions.sorted { $0.lexicographicallyPrecedes($1) } == theirs.EE, "\(context)")
            case "CE": #expect(output == "\(theirs.CE)\n", "\(context)")
            default:
                let asked = String(task.split(separator: " ")[1])
                let accepted = task.hasPrefix("DC") ? theirs.DC : theirs.DS
                #expect(output == (accepted.contains(asked) ? "YES\n" : "NO\n"), "\(context)")
            }
        }
    }
}

/// The binary's outputs, written by concurrent runs.
private final class Outputs: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String]

    init(count: Int) { values = Array(repeating: "", count: count) }

    func set(_ index: Int, _ value: String) {
        lock.lock(); values[index] = value; lock.unlock()
    }

    func value(_ index: Int) -> String { lock.lock(); defer { lock.unlock() }; return values[index] }
}
