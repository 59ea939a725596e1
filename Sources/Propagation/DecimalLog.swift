import Foundation

/// log₁₀ x as ln x / ln 10, within two units in the last place: glibc's log10 is its old, slower routine, and the
/// models take one (free space) to about ten (ITM) decimal logarithms per cell.
@usableFromInline @inline(__always)
func decimalLog(_ x: Double) -> Double { log(x) * 0.434_294_481_903_251_827_651 }

/// log₁₀ x of both lanes, from our own `naturalLog`.
@usableFromInline @inline(__always)
func decimalLog(_ x: SIMD2<Double>) -> SIMD2<Double> { naturalLog(x) * 0.434_294_481_903_251_827_651 }
