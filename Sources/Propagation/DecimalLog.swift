import Foundation

/// log₁₀ x as ln x / ln 10, within two units in the last place: glibc's log10 is its old, slower routine, and ITM
/// takes about ten decimal logarithms per receiver.
@inline(__always)
func decimalLog(_ x: Double) -> Double { log(x) * 0.434_294_481_903_251_827_651 }
