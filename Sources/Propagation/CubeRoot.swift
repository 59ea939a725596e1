import Foundation

/// ∛x within three units in the last place: an estimate within 2·10⁻⁶ from a table, refined by one Halley step (which
/// triples the correct digits). With x = 2^(3q + r)·m, m in [1, 2), ∛x = 2^q·∛(2^r)·∛c·∛(1 + t) with c the centre of m's
/// sixteenth of [1, 2) and t = (m − c)/c, |t| ≤ 1/32; ∛(1 + t) ≈ 1 + t/3 − t²/9. glibc's cbrt splits and rebuilds its
/// argument through `frexp` and `ldexp`, and Halley steps from the bits alone need three divisions, which ITM's five
/// cube roots per cell wait for. Arguments outside 10⁻²⁹⁰…10²⁹⁰ (where the step's cube could underflow or overflow),
/// zero, negative and non-finite ones go to cbrt.
@usableFromInline @inline(__always)
func cubeRoot(_ x: Double) -> Double {
    guard x > 1e-290, x < 1e290 else { return cbrt(x) }
    let (scale, t) = cubeRootTable(x)
    var root = scale + scale * (t * (1.0 / 3 - t * (1.0 / 9)))
    let cube = root * root * root
    root += root * ((x - cube) / (2 * cube + x))
    return root
}

/// ∛x of both lanes, each the same as `cubeRoot(_:)` of it: the tables lane by lane, the rest in both at once.
@usableFromInline @inline(__always)
func cubeRoot(_ x: SIMD2<Double>) -> SIMD2<Double> {
    guard all((x .> 1e-290) .& (x .< 1e290)) else { return SIMD2(cubeRoot(x[0]), cubeRoot(x[1])) }
    let (first, second) = (cubeRootTable(x[0]), cubeRootTable(x[1]))
    let scale = SIMD2(first.scale, second.scale), t = SIMD2(first.t, second.t)
    var root = scale + scale * (t * (1.0 / 3 - t * (1.0 / 9)))
    let cube = root * root * root
    root += root * ((x - cube) / (2 * cube + x))
    return root
}

/// 2^q·∛(2^r)·∛c and t of `cubeRoot`'s estimate ∛x ≈ scale·(1 + t/3 − t²/9), for x in 10⁻²⁹⁰…10²⁹⁰.
@usableFromInline @inline(__always)
func cubeRootTable(_ x: Double) -> (scale: Double, t: Double) {
    let bits = x.bitPattern
    let thirds = Int(bits >> 52) &+ 2_046  // 3·1023 + the exponent: its third is 2^q's biased exponent
    let q = thirds / 3, r = thirds &- 3 &* q
    let sixteenth = Int(truncatingIfNeeded: (bits >> 48) & 15)
    let m = Double(bitPattern: bits & 0x000F_FFFF_FFFF_FFFF | 0x3FF0_0000_0000_0000)
    let t = (m - (1 + (Double(sixteenth) + 0.5) / 16)) * cubeRootInverseCentres[sixteenth]
    return (Double(bitPattern: UInt64(truncatingIfNeeded: q) << 52) * cubeRootsOfTwo[r] * cubeRootCentres[sixteenth], t)
}

/// ∛c and 1/c for the centres c = 1 + (i + ½)/16 of the sixteenths of [1, 2), and ∛(2^r) for r = 0, 1, 2: literals, so
/// that the tables are static data (estimates: their last bits need not be exact).
@usableFromInline let cubeRootCentres: [Double] = [
    0x1.02a3ad2ef6f48p0, 0x1.07c3236b0a73ap0, 0x1.0cb18b61ad8cfp0, 0x1.11733d66373bdp0,
    0x1.160bfc12dd091p0, 0x1.1a7f0eab8483dp0, 0x1.1ecf55daa68a5p0, 0x1.22ff5c2fb2fd0p0,
    0x1.27116361abaeap0, 0x1.2b076f131c9d7p0, 0x1.2ee34da3b4fe3p0, 0x1.32a69f78df567p0,
    0x1.3652dd0d71db1p0, 0x1.39e95c0605a66p0, 0x1.3d6b5379be10cp0, 0x1.40d9df94f1be1p0,
]
@usableFromInline let cubeRootInverseCentres: [Double] = [
    0x1.f07c1f07c1f08p-1, 0x1.d41d41d41d41dp-1, 0x1.bacf914c1bad0p-1, 0x1.a41a41a41a41ap-1,
    0x1.8f9c18f9c18fap-1, 0x1.7d05f417d05f4p-1, 0x1.6c16c16c16c17p-1, 0x1.5c9882b931057p-1,
    0x1.4e5e0a72f0539p-1, 0x1.4141414141414p-1, 0x1.3521cfb2b78c1p-1, 0x1.29e4129e4129ep-1,
    0x1.1f7047dc11f70p-1, 0x1.15b1e5f75270dp-1, 0x1.0c9714fbcda3bp-1, 0x1.0410410410410p-1,
]
@usableFromInline let cubeRootsOfTwo: [Double] = [1, 0x1.428a2f98d728bp0, 0x1.965fea53d6e3cp0]
