import Foundation

/// Golden files: expected output kept beside the tests. Set
/// `REJOINDER_RECORD=1` to write the actual output instead of comparing
/// (then read the diff before committing it).
public enum Golden {
    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment["REJOINDER_RECORD"] == "1"
    }

    /// nil when `actual` matches the file, otherwise a message showing the
    /// first line that differs.
    public static func mismatch(_ actual: String, file path: String) -> String? {
        if isRecording {
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? actual.write(toFile: path, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            return "missing golden file \(path); run with REJOINDER_RECORD=1 to create it"
        }
        guard expected != actual else { return nil }
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = actual.components(separatedBy: "\n")
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let want = index < expectedLines.count ? expectedLines[index] : "<end of file>"
            let got = index < actualLines.count ? actualLines[index] : "<end of output>"
            if want != got {
                return "\(path):\(index + 1) differs\n  expected: \(want)\n  actual:   \(got)"
            }
        }
        return "\(path) differs"
    }

    /// The files with `extension` in a folder, sorted.
    public static func files(in folder: String, withExtension pathExtension: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix("." + pathExtension) }.sorted().map { folder + "/" + $0 }
    }

    /// `path` with its extension replaced.
    public static func sibling(of path: String, withExtension pathExtension: String) -> String {
        (path as NSString).deletingPathExtension + "." + pathExtension
    }
}

/// Locations in the project, found from a test file's own path.
public enum ProjectPaths {
    /// The project's root folder (the one holding Package.swift).
    public static func root(from file: StaticString = #filePath) -> String {
        var url = URL(fileURLWithPath: "\(file)")
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }
}
