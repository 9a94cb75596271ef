#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `log` of the C library; a separate function because inside `Arithmetic`
/// the name `log` is the language's function, not libm's.
func naturalLogarithm(_ value: Double) -> Double {
    log(value)
}
