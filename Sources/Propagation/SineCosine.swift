import Foundation
import Terrain

/// sin x and cos x together within two units in the last place, for |x| < 8 (libm beyond): x = n·π/2 + y with
/// |y| ≤ π/4, the Taylor series of sin y to y¹⁵ and of cos y to y¹⁶ (the next terms are below 10⁻¹⁶ of the result),
/// then swapped and signed by n's quadrant. glibc takes about ninety instructions for each; ITM's two-ray loss needs
/// both of one angle, twice per cell.
@usableFromInline @inline(__always)
func sineAndCosine(_ x: Double) -> (sin: Double, cos: Double) {
    guard abs(x) < 8 else { return (sin(x), cos(x)) }
    let (n, quadrant) = nearestInteger(x * (2 / Double.pi))
    // π/2 in three parts, the first two with 33 significant bits so that n times them is exact (Cody and Waite).
    let y = ((x - n * 0x1.921fb54480000p+0) - n * -0x1.e973dcb400000p-35) - n * 0x1.3198a2e037073p-69
    let z = y * y
    let s = y + y * z * (-1.0 / 6 + z * (1.0 / 120 + z * (-1.0 / 5_040 + z * (1.0 / 362_880 + z * (-1.0 / 39_916_800
        + z * (1.0 / 6_227_020_800 + z * (-1.0 / 1_307_674_368_000)))))))
    let c = 1 + z * (-0.5 + z * (1.0 / 24 + z * (-1.0 / 720 + z * (1.0 / 40_320 + z * (-1.0 / 3_628_800
        + z * (1.0 / 479_001_600 + z * (-1.0 / 87_178_291_200 + z * (1.0 / 20_922_789_888_000))))))))
    switch quadrant & 3 {
    case 0: return (s, c)
    case 1: return (c, -s)
    case 2: return (-s, -c)
    default: return (-c, s)
    }
}
