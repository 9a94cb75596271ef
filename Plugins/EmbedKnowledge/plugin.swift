import Foundation
import PackagePlugin

/// Embeds the project's `Knowledge/*.rj` files in Swift code for the
/// RejoinderKnowledge target, so that `rejoinder` finds its default
/// knowledge base from any working directory, also when the binary is
/// copied elsewhere.
@main
struct EmbedKnowledge: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let knowledge = context.package.directoryURL.appending(path: "Knowledge")
        var inputs: [URL] = []
        if let files = FileManager.default.enumerator(at: knowledge, includingPropertiesForKeys: nil) {
            for case let file as URL in files where file.pathExtension == "rj" { inputs.append(file) }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedKnowledge.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) knowledge files",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [context.package.directoryURL.appending(path: "Plugins/EmbedKnowledge/embed-knowledge.sh").path,
                            knowledge.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
