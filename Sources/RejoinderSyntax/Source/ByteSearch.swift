#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding a byte in a buffer with the C library's memchr, which scans many
/// bytes per instruction: line splitting is the first pass over every
/// source, however large.
public enum ByteSearch {
    /// The offset of the first `byte` at or after `start`, or nil.
    @inline(__always)
    public static func first(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < buffer.count, let base = buffer.baseAddress,
              let found = memchr(base + start, Int32(byte), buffer.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
