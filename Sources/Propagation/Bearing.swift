/// Directions of grid offsets without libm's `atan2`, which took about half of the sweep plan's placing of cells (one
/// per cell; `perf`, ITM at 30 m):
/// the offset is folded into the first octant, where atan r = r·P(r²) with P of degree 7, fitted to atan over
/// 0…1 (largest error 3.9·10⁻⁸ rad, measured over four million points); quarter and half turns undo the fold.
public enum Bearing {
    /// The most `turns(east:north:)` differs from atan2(east, north)/2π, in turns: about three times the largest
    /// difference measured (6.1·10⁻⁹).
    public static let maximumError = 2e-8

    /// The direction of (`east`, `north`) clockwise from north, in turns, −½…½, within `maximumError`; not for (0, 0).
    @inlinable @inline(__always)
    public static func turns(east: Double, north: Double) -> Double {
        let (across, along) = (abs(east), abs(north))
        let steep = across > along
        let r = steep ? along / across : across / along, s = r * r
        let arctangent = r * (0.9999993499641266 + s * (-0.33329914484880885 + s * (0.19947145761383156
            + s * (-0.13911393024425325 + s * (0.09648955283941536 + s * (-0.05600083081102138
            + s * (0.021921983539942035 + s * -0.0040703131011365235)))))))
        var turns = arctangent * (1 / (2 * Double.pi))
        if steep { turns = 0.25 - turns }
        if north < 0 { turns = 0.5 - turns }
        return east < 0 ? -turns : turns
    }

    /// `degrees` as the same direction within 0…360 (360 excluded).
    @inlinable
    public static func withinTurn(degrees: Double) -> Double {
        (degrees.truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360)
    }
}
