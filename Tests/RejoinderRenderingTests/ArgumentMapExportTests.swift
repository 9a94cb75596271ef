import RejoinderEngine
@testable import RejoinderRendering
import RejoinderSyntax
import Testing

/// The argument map's exports on small maps written out in full.
@Suite struct ArgumentMapExportTests {
    /// One view: an accepted claim with its evidence, a rejected one, two
    /// undecided ones in a cycle, and a rebuttal of another view's evidence.
    let view = ArgumentMap(
        view: "ann",
        sources: [("ann", "Ann Example"), ("bob", nil)],
        nodes: [
            .init(id: "a", kind: "claim", label: "A holds", paragraphs: ["3"], source: "ann", declaredIn: nil, status: "accepted"),
            .init(id: "b", kind: "claim", label: nil, paragraphs: [], source: "bob", declaredIn: nil, status: "rejected"),
            .init(id: "e", kind: "evidence", label: "E \"quoted\"", paragraphs: ["3", "4a"], source: "ann", declaredIn: "ann", status: "accepted"),
            .init(id: "x", kind: "claim", label: "X", paragraphs: [], source: nil, declaredIn: nil, status: "undecided"),
            .init(id: "y", kind: "claim", label: "Y", paragraphs: [], source: nil, declaredIn: nil, status: "undecided"),
        ],
        edges: [
            .init(from: "a", to: "b", role: .preference, relation: "prefers", source: "ann"),
            .init(from: "a", to: "b", role: .attack, relation: "rebuts", source: "ann"),
            .init(from: "a", to: "elsewhere", role: .attack, relation: "rebuts", source: nil),
            .init(from: "e", to: "a", role: .support, relation: "supports", source: "ann"),
            .init(from: "x", to: "y", role: .attack, relation: "rebuts", source: nil),
            .init(from: "y", to: "x", role: .attack, relation: "rebuts", source: nil),
        ],
        vocabulary: ArgumentMapAIF.defaultVocabulary)

    @Test func aViewIsDrawnByBorderWithALegend() {
        #expect(ArgumentMapDOT.render(view) == #"""
        digraph argument_map {
          graph [rankdir=LR, fontname="Helvetica", label="The argument map according to ann", labelloc=t];
          node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=10];
          edge [fontname="Helvetica", fontsize=9];
          subgraph "cluster_ann" {
            label="ann: Ann Example";
            "a" [label="A holds\n¶3", style="rounded,filled,solid", fillcolor="#bfdcec", color="#0072b2", peripheries=2];
            "e" [label="E \"quoted\"\n¶3, ¶4a", shape=note, style="rounded,filled,solid", fillcolor="#bfdcec", color="#0072b2", peripheries=2];
          }
          subgraph "cluster_bob" {
            label="bob";
            "b" [label="b", style="rounded,filled,dashed", fillcolor="#f4d7bf", color="#d55e00"];
          }
          subgraph "cluster_common" {
            label="common ground";
            "x" [label="X", style="rounded,filled,dotted", fillcolor="#f9f4b3", color="#000000"];
            "y" [label="Y", style="rounded,filled,dotted", fillcolor="#f9f4b3", color="#000000"];
          }
          "a" -> "b" [style=dashed];
          "a" -> "elsewhere" [style=dashed];
          "e" -> "a" [style=solid];
          "x" -> "y" [style=dashed];
          "y" -> "x" [style=dashed];
          subgraph cluster_legend {
            label="legend: grounded status";
            "legend_claim" [label="claim"];
            "legend_evidence" [label="evidence", shape=note];
            "legend_accepted" [label="accepted (double border)", style="rounded,filled,solid", fillcolor="#bfdcec", color="#0072b2", peripheries=2];
            "legend_rejected" [label="rejected (dashed border)", style="rounded,filled,dashed", fillcolor="#f4d7bf", color="#d55e00"];
            "legend_undecided" [label="undecided (dotted border)", style="rounded,filled,dotted", fillcolor="#f9f4b3", color="#000000"];
          }
        }

        """#)
    }

    /// Each status has its own border, so the map reads without colour.
    @Test func everyStatusHasItsOwnBorder() {
        let borders = ArgumentMapDOT.statusStyles.map { "\($0.style.border)/\($0.style.peripheries)" }
        #expect(Set(borders).count == ArgumentMapDOT.statusStyles.count)
        let levels = ViewAcceptance.Level.allCases.map { ArgumentMapDOT.style($0) }.map { "\($0.border)/\($0.peripheries)" }
        #expect(Set(levels).count == ViewAcceptance.Level.allCases.count)
    }

    @Test func theAttackGraphIsTheOneApxWrites() {
        let framework = view.attackFramework
        #expect(framework.names == ["a", "b", "e", "x", "y", "elsewhere"])
        #expect(ArgumentMapAPX.render(view) == """
            % the attack graph according to ann, from Rejoinder
            arg(a).
            arg(b).
            arg(e).
            arg(x).
            arg(y).
            arg(elsewhere).
            att(a,b).
            att(a,elsewhere).
            att(x,y).
            att(y,x).

            """)
    }

    @Test func acceptanceUnderEachSemantics() {
        func levels(_ semantics: AttackGraph.Semantics) -> [String] {
            let acceptance = ViewAcceptance(view, under: semantics, poll: { () throws(Never) in })
            return ["a", "b", "e", "x", "y", "elsewhere"].map { acceptance.levels[$0]!.rawValue }
        }
        #expect(levels(.preferred) == ["skeptically accepted", "not accepted", "skeptically accepted", "credulously accepted only",
                                       "credulously accepted only", "not accepted"])
        #expect(levels(.complete) == levels(.preferred))
        #expect(levels(.grounded) == ["skeptically accepted", "not accepted", "skeptically accepted", "not accepted", "not accepted", "not accepted"])
    }

    /// AIF and back gives the same map (statuses aside, which the view
    /// computes): labels, a missing label, paragraphs, sources, prefers,
    /// and another view's argument named only by an edge.
    @Test func aifRoundTrip() throws {
        let text = ArgumentMapAIF.render(view)
        #expect(text.contains(#"{"nodeID":"elsewhere","text":"elsewhere","type":"I","rejoinder":{"id":"elsewhere","kind":null}}"#))
        #expect(text.contains(#"{"nodeID":"PA1","text":"Default Preference","type":"PA","rejoinder":{"relation":"prefers","by":"ann"}}"#))
        let reading = try ArgumentMapAIF.read(SourceFile(name: "view.json", text: text))
        #expect(reading.warnings.isEmpty)
        let unstated = ArgumentMap(view: view.view, sources: view.sources, nodes: view.nodes.map {
            .init(id: $0.id, kind: $0.kind, label: $0.label, paragraphs: $0.paragraphs, source: $0.source, declaredIn: $0.declaredIn, status: nil)
        }, edges: view.edges, vocabulary: view.vocabulary)
        #expect(reading.map == unstated)
        #expect(ArgumentMapSource.render(reading.map, origin: "view.json") == #"""
            # Claims, evidence and their relations imported from view.json
            # (the argument map according to ann)
            # by `rejoinder import aif`.

            source ann "Ann Example".
            source bob.

            vocabulary(argument, claim).
            vocabulary(argument, evidence).
            vocabulary(attack, rebuts).
            vocabulary(support, supports).
            vocabulary(preference, prefers).
            vocabulary(author, by).
            vocabulary(citation, para).

            claim a "A holds" { by: ann, para: 3 }.
            claim b { by: bob }.
            claim x "X".
            claim y "Y".
            rebuts(a, elsewhere).
            rebuts(x, y).
            rebuts(y, x).

            according to ann {
              evidence e "E \"quoted\"" { para: [3, "4a"] }.
              prefers(a, b).
              rebuts(a, b).
              supports(e, a).
            }

            """#)
    }

    @Test(arguments: [
        ("{\"nodes\": [1 2]}", "<t>:1:14: expected ',' or ']' after an element of an array, found '2'"),
        ("{\"nodes\": \"x\\q\"}", "<t>:1:13: unknown escape in a string"),
        ("[", "<t>:1:2: expected a JSON value, found the end of the file"),
        ("{\"a\": 01}", "<t>:1:7: a number cannot start with 0"),
        ("{} x", "<t>:1:4: expected the end of the JSON text after its value, found 'x'"),
        ("[]", "<t>:1:1: an AIF file holds a JSON object, found an array"),
        ("{\"nodes\": [], \"edges\": {}}", "<t>:1:24: 'edges' must be an array, found an object"),
    ])
    func badJSONIsLocated(text: String, message: String) {
        do {
            _ = try ArgumentMapAIF.read(SourceFile(name: "<t>", text: text))
            Issue.record("\(text) was read")
        } catch {
            let first = error.diagnostics[0]
            #expect("<t>:\(first.span.file.location(of: first.span.range.start)): \(first.message)" == message)
        }
    }

    @Test func jsonStringsDecodeEscapesAndSurrogates() throws {
        let document = try JSONDocument(SourceFile(name: "<t>", text: #"{"s": "a\"\\\/\n\u00e9\ud83d\ude00"}"#))
        #expect(document.root["s"]?.text == "a\"\\/\né😀")
    }
}
