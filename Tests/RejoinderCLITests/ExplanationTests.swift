import Foundation
import RejoinderTestSupport
import Testing

/// `why` and `why not` through the binary, against golden trees checked by
/// hand (Golden/why/NAME.out), and the argument map export.
@Suite struct ExplanationTests {
    static let golden = ProjectPaths.root() + "/Tests/RejoinderCLITests/Golden/why/"

    static let aggregateProgram = """
    team(a). team(b). score(a, x, 1). score(a, y, 3). score(b, x, 5).
    total(T, S) :- team(T), S = sum V : { score(T, _, V) }.
    busy(T) :- team(T), N = count : { score(T, _, _) }, N >= 2.
    """

    /// A debate in other words than the shipped base's: the engine reads
    /// its roles from the vocabulary, so statuses, `why` and the map work.
    static let otherWords = """
    vocabulary(argument, point). vocabulary(attack, counters). vocabulary(support, backs).
    vocabulary(author, from). vocabulary(citation, page). vocabulary(joint_view, together).
    source ann "Ann". source bob "Bob".
    point p1 "Taxes should rise" { from: ann, page: 2 }.
    point p2 "Taxes should fall" { from: bob, page: 3 }.
    point p3 "Deficits are falling" { from: bob, page: 4 }.
    according to ann: counters(p1, p2).
    according to bob { counters(p2, p1). counters(p3, p1). backs(p3, p2). }
    """

    static let cases: [(name: String, arguments: [String])] = [
        ("other-words", ["--no-default-kb", "-e", otherWords, "-e", "?- status(P, S) contrast ann, bob, together.",
                         "-e", "why status(p1, rejected) according to together."]),
        ("mission-wong", ["-e", "why meets(russia, criticism, 2020) according to wong."]),
        ("mission-asan", ["-e", "why not meets(russia, criticism, 2020) according to asan."]),
        ("mission-every-view", ["-e", "why meets(russia, criticism, 2020)."]),
        ("threshold", ["-e", "why asymmetric(china, russia, gdp, 2021) according to asan."]),
        ("threshold-not", ["-e", "why not asymmetric(china, russia, armoured_vehicles, 2021) according to wong."]),
        ("negation", ["-e", "why not independent(russia, 2020) according to wong."]),
        ("status", ["-e", "why status(wong_turns_follow_crises, rejected) according to asan."]),
        ("labelling-joint", ["-e", "why labelling(asan_russia_meets_none, undec) according to debate."]),
        ("credulous-joint", ["-e", "why credulous(wong_russia_meets_standards, preferred) according to debate."]),
        ("skeptical-not", ["-e", "why not skeptical(wong_russia_meets_standards, preferred) according to asan."]),
        ("skeptical-floating", ["--no-default-kb", "-e", "vocabulary(argument, claim). vocabulary(attack, rebuts). claim a. claim b. claim c. claim d. rebuts(a, b). rebuts(b, a). rebuts(a, c). rebuts(b, c). rebuts(c, d).",
                                "-e", "why skeptical(d, preferred).", "-e", "why not skeptical(d, grounded).", "-e", "why not credulous(c, stable)."]),
        ("folded", ["-e", ":depth 1", "-e", "why meets(russia, criticism, 2020) according to wong."]),
        ("aggregate", ["--no-default-kb", "-e", aggregateProgram, "-e", "why total(a, 4).", "-e", "why busy(a).", "-e", "why not busy(b)."]),
        ("no-rule", ["-e", "why not partner(china, russia) according to wong."]),
        ("later-failures", ["--no-default-kb", "-e", "s(1). t(1). p(X) :- q(X), r(X), s(X), not t(X).", "-e", "why not p(1)."]),
    ]

    @Test(arguments: cases.map(\.name))
    func explanationsAsRecorded(name: String) throws {
        let arguments = Self.cases.first { $0.name == name }!.arguments
        let result = try ProcessRunner.run(["run"] + arguments)
        #expect(result.status == 0, "\(result.error)")
        #expect(Golden.mismatch(result.output, file: Self.golden + name + ".out") == nil)
    }

    @Test func aMapInOtherWords() throws {
        let folder = try ProcessRunner.temporaryFolder()
        try Self.otherWords.write(toFile: folder + "/taxes.rj", atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run(["export", "dot", "--no-default-kb", "--kb", folder + "/taxes.rj", "--according-to", "together"])
        #expect(result.status == 0, "\(result.error)")
        // The first argument kind is drawn as boxes; attacks dashed, supports solid; the status by the border.
        #expect(result.output.contains(#""p1" [label="Taxes should rise\n¶2", style="rounded,filled,dashed""#), "\(result.output)")
        #expect(result.output.contains(#""p3" -> "p1" [style=dashed"#) && result.output.contains(#""p3" -> "p2" [style=solid"#))
    }

    @Test func jsonExplanationsAreNestedObjects() throws {
        let result = try ProcessRunner.run(["run", "--format", "json", "-e", "why meets(russia, criticism, 2020) according to wong."])
        let views = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
        #expect(views.count == 1 && views[0]["according to"] as? String == "wong" && views[0]["holds"] as? Bool == true)
        let root = try #require(views[0]["derivation"] as? [String: Any])
        #expect(root["statement"] as? String == "meets(russia, criticism, 2020)")
        #expect(root["step"] as? String == "rule" && root["rule"] as? String == "meets/3")
        let established = try #require((root["children"] as? [[String: Any]])?.last)
        let evidence = try #require((established["children"] as? [[String: Any]])?.first)
        let entity = try #require(evidence["entity"] as? [String: Any])
        #expect(entity["id"] as? String == "sobyanin" && entity["para"] as? [String] == ["42"] && entity["note"] as? [String] == ["13"])
        #expect(evidence["source"] as? String == "wong")
    }

    /// ¶23 and ¶30 give the editors' evidence against Russia's criticism
    /// of China: `why not` shows it, with its label and paragraph, beside
    /// the missing evidence for it, so that exercise 22 is solved by
    /// following its hint (the evidence shown is among its answer's rows).
    @Test func para23_para30_whyNotShowsTheEvidenceAgainst() throws {
        let why = try ProcessRunner.run(["run", "-e", "why not meets(russia, criticism, 2020) according to asan."]).output
        #expect(why.contains("and fails too at not contested(russia, china, criticism, 2020), blocked by:"))
        let shown = try #require(why.firstMatch(of: /evidence ([a-z_]+) \{ actor: russia, toward: china, against: criticism \}/)?.output.1)
        #expect(why.contains("\"Russia never faults China's assertive moves in the areas China claims\" ¶30"))
        let answer = try ProcessRunner.run(["run", "--format", "csv", "-e", "?- evidence E { actor: russia, against: criticism }, in_effect(E, 2020) according to asan."])
        #expect(answer.output.split(separator: "\r\n").contains { $0 == shown })
    }

    /// The leaves of a tree end in the article or the data: a claim's
    /// label and ¶ under `status` and under the facts that name it, an
    /// indicator's publisher and series under each value.
    @Test func leavesEndInCitations() throws {
        let status = try ProcessRunner.run(["run", "-e", "why status(wong_russia_meets_standards, rejected) according to asan."]).output
        #expect(status.contains("status(asan_russia_meets_none, accepted)   grounded semantics: nothing attacks it\n"))
        #expect(status.contains("\"Whether by manoeuvring, de-risking or voicing criticism, Russia meets none of the standards of autonomy\" ¶31"))
        let gdp = try ProcessRunner.run(["run", "-e", "why bigger(china, russia, 2021) according to asan."]).output
        #expect(gdp.contains("value(gdp, china, 2021, 18201698719564)   fact, Knowledge/indicators/gdp_usd.rj:41\n|  |     \"GDP, current US$\" World Bank, World Development Indicators, series NY.GDP.MKTP.CD"))
    }

    /// On the shipped base, no fact in an explanation stops at a file and
    /// line: each is followed by the label, ¶ or series a student can cite
    /// (over the tour, the recorded trees, and the stages and dimensions).
    @Test func everyFactOfTheDebateEndsInACitation() throws {
        let more = ["why stage(china, russia, 2024, potential) according to wong.", "why asymmetric_in(china, russia, economic, 2021) according to wong.",
                    "why independent(russia, 2023) according to wong.", "why stage(china, russia, 2023, emerging) according to asan."]
        let outputs = try [ProcessRunner.run(["tour"]).output]
            + Self.cases.filter { !$0.arguments.contains("--no-default-kb") }.map { try ProcessRunner.run(["run"] + $0.arguments).output }
            + more.map { try ProcessRunner.run(["run", "-e", $0]).output }
        var facts = 0
        for output in outputs {
            let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() where line.contains(/\bfact\b.*\.rj:\d+$/) {
                facts += 1
                let next = index + 1 < lines.count ? lines[index + 1] : ""
                #expect(next.contains("¶") || next.contains("series") || next.contains("note"), "no citation under: \(line)")
            }
        }
        #expect(facts > 50)
    }

    /// A why is an answer where an exercise asks for one (exercise 29: ¶42
    /// gives Wong's 2020 evidence of criticism, in his view only), a try
    /// where it asks for a query (it opens `:solution`), and a graded script
    /// ending in a why is judged the same way.
    @Test func para42_aWhyAnswersAnExerciseThatAsksForOne() throws {
        let home = try ProcessRunner.temporaryFolder()
        let environment = ["HOME": home, "XDG_STATE_HOME": home + "/state"]
        let prompt = try ProcessRunner.run(["run", "-e", ":exercise ex22_why_not_criticism", "-e", "why not meets(russia, criticism, 2020) according to asan.",
                                            "-e", ":solution", "-e", ":exercise ex29_why_criticism", "-e", "why meets(russia, criticism, 2020) according to wong."],
                                           environment: environment)
        #expect(prompt.output.contains("✗ not yet: a why explains one statement, and this exercise asks for the rows of a query"))
        #expect(prompt.output.contains("A reference answer: ?- evidence E { actor: russia, against: criticism }, in_effect(E, 2020) according to asan."))
        #expect(prompt.output.contains("✓ correct: ex29_why_criticism is done."))
        try "?- source S.\nwhy meets(russia, criticism, 2020) according to asan.\n".write(toFile: home + "/wrong-view.rj", atomically: true, encoding: .utf8)
        let wrong = try ProcessRunner.run(["exercise", "check", "ex29_why_criticism", home + "/wrong-view.rj"], environment: environment)
        #expect(wrong.status == 1 && wrong.output.hasPrefix("✗ not yet: the exercise asks about another statement, or another view"))
    }

    /// The tour's five steps, each question with its real answer and its
    /// why (checked by hand against the paragraphs each step cites).
    @Test func theTourAsRecorded() throws {
        let result = try ProcessRunner.run(["tour"])
        #expect(result.status == 0 && result.error == "", "\(result.error)")
        #expect(Golden.mismatch(result.output, file: Self.golden + "tour.out") == nil, "\(Golden.mismatch(result.output, file: Self.golden + "tour.out") ?? "")")
        #expect((1...5).allSatisfy { result.output.contains("Step \($0) of 5") })
    }

    @Test func whyNeedsAGroundStatement() throws {
        let result = try ProcessRunner.run(["run", "-e", "why meets(russia, S, 2020)."])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("<arg>:1:19: error: 'why' explains a statement without variables"))
    }

    /// A view exported as apx is the graph `status/2` labels: the grounded
    /// extension `rejoinder af` finds in it is exactly the accepted claims
    /// and evidence of that view.
    @Test(arguments: ["asan", "wong"])
    func anExportedViewSolvesToItsStatuses(source: String) throws {
        let folder = try ProcessRunner.temporaryFolder()
        let apx = try ProcessRunner.run(["export", "apx", "--according-to", source])
        #expect(apx.status == 0 && apx.output.hasPrefix("% the attack graph according to \(source), from Rejoinder\narg("))
        try apx.output.write(toFile: folder + "/view.apx", atomically: true, encoding: .utf8)
        let grounded = try ProcessRunner.run(["af", "-p", "SE-GR", "-f", folder + "/view.apx"])
        let solved = grounded.output.split(whereSeparator: \.isWhitespace).dropFirst().map(String.init).sorted()
        let accepted = try ProcessRunner.run(["run", "--format", "csv", "-e", "?- status(C, accepted) according to \(source)."])
            .output.split(separator: "\r\n").dropFirst().map(String.init).sorted()
        #expect(solved.count > 100 && solved == accepted)
    }

    @Test func theArgumentMapIsValidDOT() throws {
        let folder = try ProcessRunner.temporaryFolder()
        for arguments in [["export", "dot"], ["export", "dot", "--according-to", "asan"]] {
            let result = try ProcessRunner.run(arguments)
            #expect(result.status == 0)
            #expect(result.output.hasPrefix("digraph argument_map {"))
            #expect(result.output.contains("subgraph \"cluster_wong\""))
            #expect(result.output.contains("\"asan_no_crisis_in_2010s\" -> \"wong_turns_follow_crises\" [style=dashed"))
            guard let dot = ["/usr/bin/dot", "/usr/local/bin/dot"].first(where: FileManager.default.isExecutableFile) else { continue }
            let parsed = try ProcessRunner.run(["-Tsvg", "-o", folder + "/map.svg"], executable: dot, input: result.output)
            #expect(parsed.status == 0, "\(parsed.error)")
        }
        let statuses = try ProcessRunner.run(["export", "dot", "--according-to", "asan"]).output
        // Wong's claim is rejected in the editors' view: a dashed border, then the tint.
        let node = try #require(statuses.split(separator: "\n").first { $0.hasPrefix("    \"wong_turns_follow_crises\" [label=") })
        #expect(node.hasSuffix("style=\"rounded,filled,dashed\", fillcolor=\"#f4d7bf\", color=\"#d55e00\"];"))
        #expect(statuses.contains("label=\"legend: grounded status\"") && statuses.contains("\"legend_accepted\" [label=\"accepted (double border)\""))
        let unknown = try ProcessRunner.run(["export", "dot", "--according-to", "nobody"])
        #expect(unknown.status == 1 && unknown.error.hasPrefix("error: unknown source 'nobody'"))
    }

    /// Under a semantics other than grounded, each node of the view's
    /// attack graph is drawn skeptically accepted (double border),
    /// credulously accepted only (dotted) or not accepted (dashed); a view
    /// with no stable extension says so in the title.
    @Test func theMapUnderEachSemantics() throws {
        let folder = try ProcessRunner.temporaryFolder()
        // a and b attack each other, b attacks c, d attacks itself.
        try """
            source s "S". vocabulary(argument, claim). vocabulary(attack, rebuts).
            claim a "A" { by: s }. claim b "B" { by: s }. claim c "C" { by: s }. claim d "D" { by: s }.
            rebuts(a, b). rebuts(b, a). rebuts(b, c). rebuts(d, d).
            """.write(toFile: folder + "/cycle.rj", atomically: true, encoding: .utf8)
        func map(_ semantics: String) throws -> String {
            let result = try ProcessRunner.run(["export", "dot", "--no-default-kb", "--kb", folder + "/cycle.rj", "--according-to", "s", "--semantics", semantics])
            #expect(result.status == 0, "\(result.error)")
            return result.output
        }
        func border(_ node: String, in dot: String) -> String? {
            dot.split(separator: "\n").first { $0.hasPrefix("    \"\(node)\" [") }.flatMap { line in
                line.contains("peripheries=2") ? "double" : line.contains(",dashed\"") ? "dashed" : line.contains(",dotted\"") ? "dotted" : nil
            }
        }
        let preferred = try map("preferred")
        #expect(preferred.contains("label=\"The argument map according to s, under preferred semantics\""))
        #expect(["a", "b", "c", "d"].map { border($0, in: preferred) } == ["dotted", "dotted", "dotted", "dashed"])
        #expect(preferred.contains("label=\"legend: preferred semantics\""))
        for level in ["skeptically accepted (double border)", "credulously accepted only (dotted border)", "not accepted (dashed border)"] {
            #expect(preferred.contains("[label=\"\(level)\""))
        }
        let stable = try map("stable")
        #expect(stable.contains("under stable semantics\\n(no stable extension exists, so no node is accepted)\""))
        #expect(["a", "b", "c", "d"].map { border($0, in: stable) } == ["dashed", "dashed", "dashed", "dashed"])
        // The grounded map is the view's own statuses: all four undecided.
        let grounded = try map("grounded")
        #expect(["a", "b", "c", "d"].map { border($0, in: grounded) } == ["dotted", "dotted", "dotted", "dotted"])
        // Without the self-attack, the stable extensions are {a, c} and {b}.
        try "source s \"S\". vocabulary(argument, claim). vocabulary(attack, rebuts).\nclaim a \"A\". claim b \"B\". claim c \"C\". claim e \"E\".\nrebuts(a, b). rebuts(b, a). rebuts(b, c).\n"
            .write(toFile: folder + "/cycle.rj", atomically: true, encoding: .utf8)
        let twoStable = try map("stable")
        #expect(["a", "b", "c", "e"].map { border($0, in: twoStable) } == ["dotted", "dotted", "dotted", "double"])
        #expect(!twoStable.contains("no stable extension"))
        let viewless = try ProcessRunner.run(["export", "dot", "--semantics", "preferred"])
        #expect(viewless.status == 2 && viewless.error.contains("--semantics applies to 'export dot --according-to SOURCE' only"))
    }

    @Test func theFactBaseExportsAsJSON() throws {
        let result = try ProcessRunner.run(["export", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect((object["sources"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["asan", "wong"])
        let entities = try #require(object["entities"] as? [[String: Any]])
        let sobyanin = try #require(entities.first { $0["id"] as? String == "sobyanin" })
        #expect(sobyanin["kind"] as? String == "evidence" && sobyanin["source"] as? String == "wong")
        #expect((sobyanin["attributes"] as? [String: [Any]])?["year"] as? [Int] == [2020])
        let facts = try #require(object["facts"] as? [String: [[String: Any]]])
        #expect(facts["partner/2"]?.count == 2)
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(rules.contains { ($0["text"] as? String)?.hasPrefix("meets(A, S, Y) :-") == true && ($0["at"] as? String)?.hasPrefix("Knowledge/debate/standards.rj:") == true })
    }
}
