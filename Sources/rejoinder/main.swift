import ArgumentParser
import Foundation

// A closed pipe or a FIFO's vanished reader is an error a write returns
// (EPIPE), handled where it happens, not a signal that kills the process.
signal(SIGPIPE, SIG_IGN)

#if canImport(Glibc)
// Relations grow by realloc; a block past 1 MiB is then its own mapping,
// which grows by remapping pages. glibc would otherwise raise this
// threshold each time such a block is freed, and grow later ones inside
// the heap, by copying, leaving freed holes resident (W1: 5 MB). Smaller
// blocks, the evaluator's scratch, stay in the heap, where reusing them
// costs no page faults. Swift's Glibc module leaves out <malloc.h>, so
// mallopt is looked up.
if let mallopt = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
    let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
    _ = unsafeBitCast(mallopt, to: (@convention(c) (Int32, Int32) -> Int32).self)(mmapThreshold, 1 << 20)
}
#endif

// Exit codes of TOOL.md: 0 success, 1 an error in the input, 2 usage.
do {
    var command = try RejoinderCommand.parseAsRoot()
    try command.run()
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch {
    let message = RejoinderCommand.fullMessage(for: error)
    if RejoinderCommand.exitCode(for: error) == .success {
        Terminal.write(message + "\n", to: .standardOutput)
        Foundation.exit(0)
    }
    Terminal.write(message + "\n", to: .standardError)
    Foundation.exit(2)
}
