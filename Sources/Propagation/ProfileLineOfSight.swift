import Terrain

/// Line of sight along a terrain profile between two antennas, with earth curvature.
public struct ProfileClearance: Sendable, Equatable {
    /// True when no profile point rises above the straight ray.
    public let isVisible: Bool
    /// Smallest height (m) of the ray above the curvature-corrected terrain at an interior point;
    /// negative when the terrain blocks the ray. Infinite for a profile with no interior point.
    public let minimumClearance: Double
    /// Distance (m) from the transmitter of that point.
    public let criticalDistance: Double

    /// Clearance of the ray from `transmitterHeight` above the first point to `receiverHeight` above the last.
    public init(profile: TerrainProfile, transmitterHeight: Double, receiverHeight: Double, earth: EarthModel) {
        let ray = ProfileRay(profile: profile, transmitterHeight: transmitterHeight, receiverHeight: receiverHeight, earth: earth)
        let z = profile.elevations
        var lowest = Double.infinity, at = 0.0
        for index in stride(from: 1, to: z.count - 1, by: 1) {
            let x = Double(index) * profile.step
            let clearance = ray.height(atDistance: x) - (z[index] + ray.bulge(atDistance: x))
            if clearance < lowest { (lowest, at) = (clearance, x) }
        }
        isVisible = lowest >= 0
        minimumClearance = lowest
        criticalDistance = at
    }
}

/// The straight ray between two antennas over a terrain profile, and the earth's bulge beneath it.
struct ProfileRay {
    /// Heights of the antennas above the datum, metres.
    let start: Double
    let end: Double
    let length: Double
    let curvature: Double

    init(profile: TerrainProfile, transmitterHeight: Double, receiverHeight: Double, earth: EarthModel) {
        let z = profile.elevations
        start = z[0] + transmitterHeight
        end = z[z.count - 1] + receiverHeight
        length = profile.length
        curvature = earth.curvature
    }

    /// Height of the ray above the datum `x` metres from the transmitter.
    @inline(__always)
    func height(atDistance x: Double) -> Double { start + (end - start) * x / length }

    /// The earth's bulge between the ends, x(d − x)/(2kR), which raises the terrain under the chord.
    @inline(__always)
    func bulge(atDistance x: Double) -> Double { x * (length - x) * curvature }
}
