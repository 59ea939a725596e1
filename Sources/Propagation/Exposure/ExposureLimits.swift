/// The limits of human exposure to a base station's field that a compliance assessment holds its power density to:
/// the reference levels for the incident power density averaged over the whole body, W/m², by frequency.
public enum ExposureLimits: String, Sendable, CaseIterable {
    /// Vietnam's QCVN 8:2022/BTTTT (Circular 21/2022/TT-BTTTT, in force since 1 July 2023, replacing QCVN 8:2010/BTTTT's
    /// 110 MHz–3 GHz) for public mobile base stations with antennas outdoors, 110 MHz–6 GHz: non-occupational exposure to
    /// an equivalent plane-wave power density of 2 W/m² (27.5 V/m, 0.073 A/m) at every frequency, the level TCVN
    /// 3718-1:2005 set for them in 2006.
    case vietnam
    /// ICNIRP's reference levels for the general public (1998, kept by its 2020 guidelines for whole-body exposure):
    /// 2 W/m² from 10 to 400 MHz, f/200 W/m² (f in MHz) from 400 MHz to 2 GHz, 10 W/m² from 2 to 300 GHz.
    case icnirpPublic = "icnirp-public"
    /// ICNIRP's reference levels for workers (occupational exposure): five times the public's.
    case icnirpOccupational = "icnirp-occupational"

    /// The frequencies the limits are set for, MHz.
    public var frequenciesMHz: ClosedRange<Double> {
        switch self {
        case .vietnam: 110...6_000
        case .icnirpPublic, .icnirpOccupational: 10...300_000
        }
    }

    /// The power density not to be exceeded at `frequencyMHz`, W/m²; nil outside `frequenciesMHz`.
    public func powerDensityLimit(frequencyMHz f: Double) -> Double? {
        guard frequenciesMHz.contains(f) else { return nil }
        let publicLevel: Double
        switch self {
        case .vietnam: return 2
        case .icnirpPublic, .icnirpOccupational: publicLevel = f < 400 ? 2 : f < 2_000 ? f / 200 : 10
        }
        return self == .icnirpOccupational ? 5 * publicLevel : publicLevel
    }
}
