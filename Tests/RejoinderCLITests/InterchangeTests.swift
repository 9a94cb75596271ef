import Foundation
import RejoinderTestSupport
import Testing

/// `export aif` and `import aif`: the shipped debate survives the round
/// trip, AIF files written by hand from the format's description import
/// as recorded (Golden/aif/NAME.json → NAME.rj), and bad files are
/// refused node by node (Golden/aif/bad/NAME.json → NAME.diag).
@Suite struct InterchangeTests {
    static let golden = ProjectPaths.root() + "/Tests/RejoinderCLITests/Golden/aif/"

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The shipped base, whole and in each view, exported, imported into a
    /// file of its own and exported again from that file alone: the same
    /// AIF, so the same claims and evidence (ids, kinds, labels, sources,
    /// ¶), supports, rebuts, preferences and, in a view, statuses.
    @Test(arguments: [[], ["--according-to", "wong"], ["--according-to", "asan"]])
    func theShippedDebateSurvivesTheRoundTrip(view: [String]) throws {
        let folder = try ProcessRunner.temporaryFolder()
        let exported = try ProcessRunner.run(["export", "aif"] + view)
        #expect(exported.status == 0 && exported.error == "", "\(exported.error)")
        try exported.output.write(toFile: folder + "/map.json", atomically: true, encoding: .utf8)
        let imported = try ProcessRunner.run(["import", "aif", folder + "/map.json", "-o", folder + "/map.rj"])
        #expect(imported.status == 0 && imported.output == "" && imported.error == "", "\(imported.error)")
        let checked = try ProcessRunner.run(["check", "--no-default-kb", folder + "/map.rj"])
        #expect(checked.status == 0 && checked.error == "", "\(checked.error)")
        let again = try ProcessRunner.run(["export", "aif", "--no-default-kb", "--kb", folder + "/map.rj"] + view)
        #expect(again.status == 0)
        #expect(again.output == exported.output)

        let graph = try json(exported.output)
        let nodes = try #require(graph["nodes"] as? [[String: Any]])
        let types = Dictionary(grouping: nodes, by: { $0["type"] as? String ?? "" }).mapValues(\.count)
        #expect(types["I", default: 0] > 250 && types["RA", default: 0] > 50 && types["CA", default: 0] > 20 && types["PA", default: 0] > 10)
        let claim = try #require(nodes.first { $0["nodeID"] as? String == "wong_turns_follow_crises" })
        let extra = try #require(claim["rejoinder"] as? [String: Any])
        #expect(extra["kind"] as? String == "claim" && extra["by"] as? String == "wong" && extra["para"] as? [String] == ["12"])
        #expect((claim["text"] as? String)?.isEmpty == false)
        let edges = try #require(graph["edges"] as? [[String: Any]])
        #expect(edges.count == 2 * (nodes.count - types["I", default: 0]))
        let locutions = try #require(graph["locutions"] as? [[String: Any]])
        #expect(locutions.contains { $0["nodeID"] as? String == "wong_turns_follow_crises" && $0["personID"] as? String == "wong" })
        if !view.isEmpty { #expect(extra["status"] as? String != nil) }
    }

    /// The knowledge file itself reads as the debate is written: a claim
    /// with its label, author and paragraph; evidence in its source's view.
    @Test func theImportedDebateReadsAsWritten() throws {
        let folder = try ProcessRunner.temporaryFolder()
        let exported = try ProcessRunner.run(["export", "aif", "--according-to", "wong"])
        try exported.output.write(toFile: folder + "/wong.json", atomically: true, encoding: .utf8)
        let text = try ProcessRunner.run(["import", "aif", folder + "/wong.json"]).output
        #expect(text.contains("\nsource wong \"Ka Ho Wong\".\n"))
        #expect(text.contains("\nclaim wong_turns_follow_crises \""))
        #expect(text.contains("{ by: wong, para: 12 }.\n"))
        #expect(text.contains("\naccording to wong {\n  evidence asymmetry_deepening \""))
        #expect(text.contains("\n  supports(asymmetry_deepening, wong_asymmetry_growing).\n"))
        #expect(text.contains("\n  prefers(wong_asymmetric_but_independent, asan_russia_meets_none).\n"))
    }

    @Test(arguments: Golden.files(in: golden, withExtension: "json"))
    func aHandWrittenFileImportsAsRecorded(path: String) throws {
        let name = (path as NSString).lastPathComponent
        let result = try ProcessRunner.run(["import", "aif", name], directory: Self.golden)
        #expect(result.status == 0)
        let expected = Golden.sibling(of: path, withExtension: "rj")
        #expect(Golden.mismatch(result.output, file: expected) == nil, "\(Golden.mismatch(result.output, file: expected) ?? "")")
        let warnings = Golden.sibling(of: path, withExtension: "diag")
        if !result.error.isEmpty || FileManager.default.fileExists(atPath: warnings) {
            #expect(Golden.mismatch(result.error, file: warnings) == nil, "\(Golden.mismatch(result.error, file: warnings) ?? "")")
        }
        let checked = try ProcessRunner.run(["check", "--no-default-kb", expected])
        #expect(checked.status == 0 && checked.error == "", "\(checked.error)")
    }

    /// A simple argument: one RA node between two I nodes is one supports
    /// fact, with ids made from the text when the file has no Rejoinder ids.
    @Test func oneInferenceIsOneSupport() throws {
        let result = try ProcessRunner.run(["import", "aif", Self.golden + "one-inference.json"])
        #expect(result.output.contains("\nclaim the_river_rose_two_metres \"The river rose two metres overnight\".\n"))
        #expect(result.output.contains("\nsupports(the_river_rose_two_metres, the_lower_town_will_flood).\n"))
    }

    /// Conflicts, a preference and the authors of the locutions: each
    /// source's relations in its view.
    @Test func conflictsAndPreferencesGoToTheirAuthorsViews() throws {
        let text = try ProcessRunner.run(["import", "aif", Self.golden + "conflict-and-preference.json"]).output
        #expect(text.contains("\nsource engineer \"Site Engineer\".\nsource architect \"Lead Architect\".\n"))
        #expect(text.contains("\naccording to engineer {\n  supports(steel_lasts_longer_in_a, the_new_bridge_should_be).\n"
                              + "  prefers(the_new_bridge_should_be, the_new_bridge_should_be_2).\n  rebuts(the_new_bridge_should_be, the_new_bridge_should_be_2).\n}\n"))
        #expect(text.contains("\naccording to architect {\n  rebuts(the_new_bridge_should_be_2, the_new_bridge_should_be).\n}\n"))
    }

    @Test(arguments: Golden.files(in: golden + "bad", withExtension: "json"))
    func aBadFileIsRefusedNodeByNode(path: String) throws {
        let folder = try ProcessRunner.temporaryFolder()
        let name = (path as NSString).lastPathComponent
        let result = try ProcessRunner.run(["import", "aif", name, "-o", folder + "/out.rj"], directory: Self.golden + "bad")
        #expect(result.status == 1 && result.output == "")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.rj"))
        let expected = Golden.sibling(of: path, withExtension: "diag")
        #expect(Golden.mismatch(result.error, file: expected) == nil, "\(Golden.mismatch(result.error, file: expected) ?? "")")
    }

    /// The output goes through the atomic writer: a read-only file is kept
    /// unless --force, a missing file is reported, nothing half-written.
    @Test func theOutputFileIsReplacedOnlyWhenAllowed() throws {
        let folder = try ProcessRunner.temporaryFolder()
        let target = folder + "/out.rj"
        try "# keep me\n".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: target)
        let refused = try ProcessRunner.run(["import", "aif", Self.golden + "one-inference.json", "-o", target])
        #expect(refused.status == 1 && refused.error == "error: cannot write '\(target)': it is read-only (--force replaces it)\n")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "# keep me\n")
        let forced = try ProcessRunner.run(["import", "aif", Self.golden + "one-inference.json", "-o", target, "--force"])
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("# Claims, evidence and their relations imported from"))
        let missing = try ProcessRunner.run(["import", "aif", folder + "/nothing.json"])
        #expect(missing.status == 1 && missing.error.hasPrefix("error: cannot read"), "\(missing.error)")
    }
}
