/// x rounded to the nearest integer (ties to even), as a Double and as an Int64, for |x| < 2⁵¹: adding 1.5·2⁵² leaves
/// the integer in the sum's low bits, without a call to libm's rint. The range reductions of `exponential` and
/// `sineAndCosine` start here; bilinear sampling finds its cells by `floorInteger`.
@inlinable @inline(__always)
public func nearestInteger(_ x: Double) -> (value: Double, integer: Int64) {
    let shifter = 6_755_399_441_055_744.0
    let shifted = x + shifter
    return (shifted - shifter, Int64(bitPattern: shifted.bitPattern &- shifter.bitPattern))
}

/// ⌊x⌋ as an Int, for |x| ≤ 2⁵⁰: the nearest integer, less one where that lies above x. Neither libm's floor, which the
/// baseline x86-64 build (no rounding instruction) calls for `rounded(.down)`, nor the range checks of `Int(x)`. The
/// line-of-sight test takes one per crossing.
@inlinable @inline(__always)
public func floorInteger(_ x: Double) -> Int {
    let nearest = nearestInteger(x)
    return Int(truncatingIfNeeded: nearest.integer) &- (nearest.value > x ? 1 : 0)
}

/// ⌈x⌉ as an Int, for |x| ≤ 2⁵⁰, as `floorInteger` finds ⌊x⌋.
@inlinable @inline(__always)
public func ceilingInteger(_ x: Double) -> Int {
    let nearest = nearestInteger(x)
    return Int(truncatingIfNeeded: nearest.integer) &+ (nearest.value < x ? 1 : 0)
}
