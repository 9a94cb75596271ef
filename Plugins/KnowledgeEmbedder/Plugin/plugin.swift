import Foundation
import PackagePlugin

/// Embeds the project's `Knowledge/*.rj` files in the executable at build
/// time, so that `rejoinder` finds its default knowledge base from any
/// working directory, also when the binary is copied elsewhere.
@main
struct EmbedKnowledge: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let knowledge = context.package.directoryURL.appending(path: "Knowledge")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedKnowledge.swift")
        var inputs: [URL] = []
        if let enumerator = FileManager.default.enumerator(at: knowledge, includingPropertiesForKeys: nil) {
            for case let url as URL in enumerator where url.pathExtension == "rj" {
                inputs.append(url)
            }
        }
        return [
            .buildCommand(
                displayName: "Embedding the knowledge base (\(inputs.count) files)",
                executable: try context.tool(named: "KnowledgeEmbedder").url,
                arguments: [knowledge.path, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
