// swift-tools-version: 6.0
// Another package that depends on Rejoinder's library by path, as a user's
// would by URL: `.ci/run` builds and runs it, which fails if the library's
// manifest grows unsafe flags (SwiftPM refuses them in dependencies) or its
// public API stops covering load, query and render.
import PackageDescription

let package = Package(
    name: "LibraryConsumer",
    dependencies: [.package(name: "Rejoinder", path: "../..")],
    targets: [
        .executableTarget(name: "LibraryConsumer", dependencies: [.product(name: "Rejoinder", package: "Rejoinder")]),
    ],
    swiftLanguageModes: [.v6]
)
