import ArgumentParser
import Foundation

// Exit codes of TOOL.md: 0 success, 1 an error in the input, 2 usage.
do {
    var command = try RejoinderCommand.parseAsRoot()
    try command.run()
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch {
    let message = RejoinderCommand.fullMessage(for: error)
    if RejoinderCommand.exitCode(for: error) == .success {
        print(message)
        Foundation.exit(0)
    }
    FileHandle.standardError.write(Data((message + "\n").utf8))
    Foundation.exit(2)
}
