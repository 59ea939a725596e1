import Foundation

/// 3GPP TR 38.901's urban path losses (Table 7.4.1-1) for one frequency and pair of antenna heights, every term but
/// the distances' worked out once: the urban macro-cell (UMa, masts of 25 m over the roofs) and the urban micro-cell in
/// a street canyon (UMi, masts of 10 m below them). Line of sight: A + B log10 d_3D + C log10 f_c up to the breakpoint
/// d'_BP = 4 h'_BS h'_UT f_c / c (heights above the 1 m of the street's effective environment), 40 dB a decade
/// beyond it; without: the larger of that and the NLOS formula. At a location percentage other than 50 the loss adds
/// the table's log-normal shadowing: σ 4 dB in line of sight, 6 dB (UMa) or 7.82 dB (UMi) without.
public struct UrbanCell: Sendable {
    /// The table's two urban scenarios.
    public enum Kind: Sendable, Equatable {
        case macro
        case streetCanyon

        /// The model's name as footprints and paths take it.
        var name: String { self == .macro ? "uma" : "umi" }

        /// The base station's height the table gives, metres.
        var baseHeight: Double { self == .macro ? 25 : 10 }

        /// The table's coefficients: line of sight A, B, C and the far slope's D; NLOS E, F, G and the handset's H;
        /// and the NLOS σ.
        fileprivate var coefficients: (a: Double, b: Double, c: Double, d: Double, e: Double, f: Double, g: Double, h: Double, sigma: Double) {
            self == .macro
                ? (28.0, 22, 20, 9, 13.54, 39.08, 20, 0.6, 6)
                : (32.4, 21, 20, 9.5, 22.4, 35.3, 21.3, 0.3, 7.82)
        }
    }

    /// The table's validity range: 0.5–100 GHz, the scenario's mast height, handsets 1.5–22.5 m (the effective
    /// environment's height is taken as 1 m throughout, as the table draws it for handsets under 13 m), 10 m–5 km.
    private static func range(_ kind: Kind) -> EmpiricalRange {
        EmpiricalRange(
            model: kind.name, frequency: 500...100_000, baseHeight: kind.baseHeight...kind.baseHeight, mobileHeight: 1.5...22.5,
            distanceKm: 0.01...5, alternative: "use rma or itm outside towns and for longer paths, "
        )
    }

    /// Throws for a link outside the scenario's range, or returns warnings when extrapolation is allowed.
    public static func check(_ link: EmpiricalLink, kind: Kind, allowExtrapolation: Bool) throws(ModelError) -> [String] {
        try range(kind).check(link, allowExtrapolation: allowExtrapolation)
    }

    /// The breakpoint distance d'_BP, metres (horizontal).
    public let breakpoint: Double
    /// PL1's terms but the distance's, A + C log10 f_c, and its dB per decade of the 3-D distance, B.
    private let nearConstant: Double
    private let nearSlope: Double
    /// PL2 − 40 log10(d_3D): A + C log10 f_c − D log10(d'_BP² + (h_BS − h_UT)²).
    private let farConstant: Double
    /// The NLOS formula's terms but the distance's, and its dB per decade of the 3-D distance.
    private let obstructedConstant: Double
    private let obstructedSlope: Double
    /// The table's σ of shadowing in line of sight and without, dB.
    private let sigmas: (lineOfSight: Double, obstructed: Double)
    /// The location margins added to the median loss in line of sight and without, and the σ they are taken with (a
    /// building's joined).
    private let margins: (lineOfSight: Double, obstructed: Double)
    private let joinedSigmas: (lineOfSight: Double, obstructed: Double)
    /// The scenario and the handset's height, for the probability of line of sight.
    private let kind: Kind
    private let mobileHeight: Double

    /// The scenario `kind` for base-station and handset antennas `baseHeight` and `mobileHeight` metres above ground,
    /// at `frequencyMHz`, with losses not exceeded at `locationPercent` % of locations (50: the median);
    /// `indoorSigmaDB`, a handset indoors, joins building penetration's spread to the shadowing's.
    public init(
        _ kind: Kind, frequencyMHz: Double, baseHeight: Double, mobileHeight: Double, locationPercent: Double = 50,
        indoorSigmaDB: Double? = nil
    ) {
        let k = kind.coefficients, frequencyLog = decimalLog(frequencyMHz / 1_000)
        breakpoint = 4 * (baseHeight - 1) * (mobileHeight - 1) * frequencyMHz * 1e6 / 3e8
        nearConstant = k.a + k.c * frequencyLog
        nearSlope = k.b
        let rise = baseHeight - mobileHeight
        farConstant = nearConstant - k.d * decimalLog(breakpoint * breakpoint + rise * rise)
        obstructedConstant = k.e + k.g * frequencyLog - k.h * (mobileHeight - 1.5)
        obstructedSlope = k.f
        sigmas = (4, k.sigma)
        joinedSigmas = (LocationVariability.joined(sigmas.lineOfSight, indoorSigmaDB), LocationVariability.joined(sigmas.obstructed, indoorSigmaDB))
        let margin = { (sigma: Double) in LocationVariability.marginDB(percent: locationPercent, sigma: sigma) }
        margins = (margin(joinedSigmas.lineOfSight), margin(joinedSigmas.obstructed))
        self.kind = kind
        self.mobileHeight = mobileHeight
    }

    /// The table's probability (Table 7.4.2-1) that the town's buildings leave a handset `horizontalDistance` metres
    /// away in sight: 1 within 18 m; beyond, UMi 18/d + e^(−d/36)(1 − 18/d), UMa 18/d + e^(−d/63)(1 − 18/d), raised for
    /// handsets over 13 m by (1 + C′ (5/4)(d/100)³ e^(−d/150)), C′ = ((h_UT − 13)/10)^1.5.
    public func lineOfSightProbability(horizontalDistance d: Double) -> Double {
        guard d > 18 else { return 1 }
        let near = 18 / d, reach = kind == .macro ? 63.0 : 36
        let street = near + exp(-d / reach) * (1 - near)
        guard kind == .macro, mobileHeight > 13 else { return street }
        let tall = pow((min(mobileHeight, 23) - 13) / 10, 1.5)
        return min(1, street * (1 + tall * 1.25 * pow(d / 100, 3) * exp(-d / 150)))
    }

    /// The loss (dB) not exceeded at the location percentage, `horizontalDistance` (d_2D) and `slantDistance` (d_3D)
    /// metres apart, with or without line of sight.
    public func loss(horizontalDistance: Double, slantDistance: Double, lineOfSight: Bool) -> Double {
        let distanceLog = decimalLog(slantDistance)
        let unobstructed = horizontalDistance <= breakpoint
            ? nearConstant + nearSlope * distanceLog
            : farConstant + 40 * distanceLog
        guard !lineOfSight else { return unobstructed + margins.lineOfSight }
        return max(unobstructed, obstructedConstant + obstructedSlope * distanceLog) + margins.obstructed
    }

    /// The location margin (dB) `loss` adds with or without line of sight: 0 at 50 %.
    public func marginDB(lineOfSight: Bool) -> Double { lineOfSight ? margins.lineOfSight : margins.obstructed }

    /// The σ of shadowing (dB) the table gives with or without line of sight.
    public func sigmaDB(lineOfSight: Bool) -> Double { lineOfSight ? sigmas.lineOfSight : sigmas.obstructed }

    /// The σ (dB) the location margin is taken with: the table's, joined with a building's.
    func joinedSigmaDB(lineOfSight: Bool) -> Double { lineOfSight ? joinedSigmas.lineOfSight : joinedSigmas.obstructed }
}
