import Foundation

func readBytes(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

func fileName(_ path: String) -> String {
    URL(fileURLWithPath: path).lastPathComponent
}
