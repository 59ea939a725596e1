/// How `phusong tilt` searches: the downtilts and azimuths it tries, its rounds, the SINR limit with `--sinr` and the
/// gain a sector must bring to turn.
public struct TiltSettings: Sendable, Equatable {
    /// The lowest and highest downtilt tried and the step between them, degrees.
    public var minimumTilt: Double
    public var maximumTilt: Double
    public var step: Double
    /// How far from its own azimuth a sector may turn either way, and the step, degrees (0: azimuths stay).
    public var azimuthRange: Double
    public var azimuthStep: Double
    /// The most rounds of turning every sector in turn.
    public var rounds: Int
    /// With `--sinr`: the SINR a 4G cell's server needs for the cell to count as served, dB.
    public var sinrLimitDB: Double
    /// The (weighted) residents a sector must serve more to be turned off its tilt as given: a site visit's worth.
    public var minimumGain: Double

    public init(
        minimumTilt: Double = 0, maximumTilt: Double = 10, step: Double = 1, azimuthRange: Double = 0, azimuthStep: Double = 10,
        rounds: Int = 10, sinrLimitDB: Double = -3, minimumGain: Double = 1
    ) {
        self.minimumTilt = minimumTilt
        self.maximumTilt = maximumTilt
        self.step = step
        self.azimuthRange = azimuthRange
        self.azimuthStep = azimuthStep
        self.rounds = rounds
        self.sinrLimitDB = sinrLimitDB
        self.minimumGain = minimumGain
    }

    /// The downtilts tried: from the minimum by the step to the maximum.
    public var candidates: [Double] {
        let steps = Int(((maximumTilt - minimumTilt) / step + 1e-9).rounded(.down))
        return (0...steps).map { minimumTilt + Double($0) * step }
    }

    /// The azimuth offsets tried: from −range by the step to +range, 0 among them.
    public var azimuthOffsets: [Double] {
        guard azimuthRange > 0 else { return [0] }
        let steps = Int((azimuthRange / azimuthStep + 1e-9).rounded(.down))
        return (-steps...steps).map { Double($0) * azimuthStep }
    }

    /// The first setting out of range, by its manifest key (the option's name with `-` for `_`), and why; nil when
    /// every one is fine.
    public var problem: (key: String, reason: String)? {
        if !(TiltPlan.tiltRange.contains(minimumTilt) && TiltPlan.tiltRange.contains(maximumTilt) && minimumTilt <= maximumTilt) {
            return ("min_tilt_deg", "the tilts must lie within −20–45°, the minimum not above the maximum")
        }
        if !(step >= 0.1 && (maximumTilt - minimumTilt) / step <= 200) {
            return ("tilt_step_deg", "must be at least 0.1° and leave at most 200 steps between the tilts")
        }
        if !(0...180).contains(azimuthRange) { return ("azimuth_range_deg", "must lie within 0–180°") }
        if azimuthRange > 0, !(azimuthStep >= 1 && azimuthRange / azimuthStep <= 36) {
            return ("azimuth_step_deg", "must be at least 1° and leave at most 36 steps each way")
        }
        if !(1...100).contains(rounds) { return ("rounds", "must be within 1–100") }
        if !(-20...40).contains(sinrLimitDB) { return ("sinr_limit_db", "must lie within −20–40 dB") }
        if !(minimumGain >= 0 && minimumGain.isFinite) { return ("min_gain_residents", "must not be negative") }
        return nil
    }
}
