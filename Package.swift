// swift-tools-version: 6.0
import PackageDescription

// The evaluator's inner loops update counters and tables held by classes;
// run-time exclusivity checks on those cost a tenth of a recursive query
// (Benchmarks/README.md), and the statement reader's a fiftieth of loading
// plain facts. `make release` sets REJOINDER_UNCHECKED_EXCLUSIVITY to leave
// them out of the engine and the syntax; without it the manifest has no
// unsafe flags, so other packages can depend on the library.
let engineSettings: [SwiftSetting] = Context.environment["REJOINDER_UNCHECKED_EXCLUSIVITY"] == "1"
    ? [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
    : []

let package = Package(
    name: "Rejoinder",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rejoinder", targets: ["rejoinder"]),
        // The language without the terminal: parse, load, query, explain, render.
        .library(name: "Rejoinder", targets: ["RejoinderSyntax", "RejoinderEngine", "RejoinderRendering", "RejoinderSession"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "RejoinderSyntax", swiftSettings: engineSettings),
        .target(
            name: "RejoinderEngine",
            dependencies: ["RejoinderSyntax", "CSQLite"],
            swiftSettings: engineSettings
        ),
        .target(name: "RejoinderRendering", dependencies: ["RejoinderEngine", "RejoinderSyntax"]),
        .target(name: "RejoinderSession", dependencies: ["RejoinderSyntax", "RejoinderEngine", "RejoinderRendering"]),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // The system SQLite, on which `rejoinder run --engine sqlite` runs
        // the program compiled to SQL.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "RejoinderKnowledge",
            exclude: ["Knowledge"],
            plugins: ["EmbedKnowledge"]
        ),
        .plugin(
            name: "EmbedKnowledge",
            capability: .buildTool(),
            path: "Plugins/EmbedKnowledge",
            exclude: ["embed-knowledge.sh"]
        ),
        .executableTarget(
            name: "rejoinder",
            dependencies: [
                "RejoinderSession",
                "RejoinderKnowledge",
                "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "RejoinderTestSupport",
            dependencies: ["RejoinderSyntax", "RejoinderEngine"],
            path: "Tests/RejoinderTestSupport"
        ),
        .testTarget(name: "RejoinderSyntaxTests", dependencies: ["RejoinderSyntax", "RejoinderTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "RejoinderEngineTests", dependencies: ["RejoinderEngine", "RejoinderSyntax", "RejoinderTestSupport", "CSQLite"]),
        .testTarget(name: "RejoinderRenderingTests", dependencies: ["RejoinderRendering", "RejoinderEngine", "RejoinderTestSupport"]),
        .testTarget(name: "RejoinderSessionTests", dependencies: ["RejoinderSession", "RejoinderTestSupport"]),
        .testTarget(name: "RejoinderCLITests", dependencies: ["RejoinderTestSupport"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
