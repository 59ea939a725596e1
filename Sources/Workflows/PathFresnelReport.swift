import Propagation

/// The Fresnel-zone check of a path in `phusong path`'s report.
public struct FresnelReport: Sendable, Codable, Equatable {
    /// The effective earth radius factor the bulge was computed with (`--k-factor`).
    public let kFactor: Double
    /// No terrain reaches the ray between the antennas.
    public let lineOfSight: Bool
    /// The terrain stays out of 60 % of the first Fresnel zone everywhere: a hop within about 1 dB of free space.
    public let clears60Percent: Bool
    /// The point where the clearance is the smallest fraction of the zone's radius: its distance from the
    /// transmitter, terrain height, the zone's radius, the clearance and that fraction.
    public let worstDistanceM: Double?
    public let worstGroundM: Double?
    public let worstRadiusM: Double?
    public let worstClearanceM: Double?
    public let worstFraction: Double?
    /// How far the antennas must rise for 0.6 of the zone to clear (metres, 0 when it does): both by the same height,
    /// or the transmitter's (`from`) or the receiver's (`to`) alone.
    public let raiseBothM: Double
    public let raiseFromM: Double
    public let raiseToM: Double

    init(_ clearance: FresnelClearance, kFactor: Double) {
        self.kFactor = kFactor
        lineOfSight = clearance.isLineOfSight
        clears60Percent = clearance.clears(fraction: 0.6)
        let worst = clearance.worst
        worstDistanceM = worst?.distance
        worstGroundM = worst?.ground
        worstRadiusM = worst?.fresnelRadius
        worstClearanceM = worst?.clearance
        worstFraction = worst?.fresnelFraction
        (raiseBothM, raiseFromM, raiseToM) = clearance.raise(toClear: 0.6)
    }

    enum CodingKeys: String, CodingKey {
        case kFactor = "k_factor"
        case lineOfSight = "line_of_sight"
        case clears60Percent = "clears_60_percent"
        case worstDistanceM = "worst_distance_m"
        case worstGroundM = "worst_ground_m"
        case worstRadiusM = "worst_fresnel_radius_m"
        case worstClearanceM = "worst_clearance_m"
        case worstFraction = "worst_fraction"
        case raiseBothM = "raise_both_m"
        case raiseFromM = "raise_from_m"
        case raiseToM = "raise_to_m"
    }
}
