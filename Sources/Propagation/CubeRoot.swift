import Foundation

/// ∛x within three units in the last place: an estimate from the bits of x refined by three Halley steps (each
/// triples the correct digits). glibc's cbrt splits and rebuilds its argument through `frexp` and `ldexp`, five times
/// the instructions, and ITM's diffraction takes five cube roots per cell. Arguments outside 10⁻²⁹⁰…10²⁹⁰ (where the
/// steps' cubes could underflow or overflow), zero, negative and non-finite ones go to cbrt.
@usableFromInline @inline(__always)
func cubeRoot(_ x: Double) -> Double {
    guard x > 1e-290, x < 1e290 else { return cbrt(x) }
    var root = Double(bitPattern: x.bitPattern / 3 &+ 0x2A9F_7893_782D_A1CE)  // within about 6 %
    for _ in 0..<3 {
        let cube = root * root * root
        root += root * ((x - cube) / (2 * cube + x))
    }
    return root
}
