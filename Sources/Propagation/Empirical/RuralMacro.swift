import Foundation

/// The surroundings 3GPP TR 38.901's rural macro-cell model is given: the mean height of buildings and the width of
/// streets, metres (h and W in its Table 7.4.1-1; defaults 5 and 20 m, the table's own).
public struct RuralSurroundings: Sendable, Equatable {
    public var buildingHeight: Double
    public var streetWidth: Double

    public init(buildingHeight: Double = 5, streetWidth: Double = 20) {
        self.buildingHeight = buildingHeight
        self.streetWidth = streetWidth
    }
}

/// 3GPP TR 38.901's rural macro-cell path loss (RMa, Table 7.4.1-1) for one frequency, pair of antenna heights and
/// surroundings, every term but the distances' worked out once. Line of sight: a free-space-like loss with the
/// buildings' correction up to the breakpoint distance d_BP = 2π h_BS h_UT f_c / c, 40 dB a decade beyond it.
/// Without: the larger of that and the NLOS formula. The loss at a location percentage other than 50 adds the table's
/// log-normal shadowing: σ 4 dB in line of sight up to the breakpoint, 6 dB beyond it, 8 dB without line of sight.
public struct RuralMacro: Sendable {
    /// The table's validity range: 0.5–30 GHz (the notes: beyond 7 GHz checked against one measurement campaign, at
    /// 24 GHz), base station 10–150 m, handset 1–10 m, h and W 5–50 m, 10 m–10 km in line of sight and 10 m–5 km
    /// without.
    private static func range(lineOfSight: Bool) -> EmpiricalRange {
        EmpiricalRange(
            model: "rma", frequency: 500...30_000, baseHeight: 10...150, mobileHeight: 1...10,
            distanceKm: 0.01...(lineOfSight ? 10 : 5), alternative: "use itm or p526 for longer paths, "
        )
    }

    /// The checks of the range beyond `range`'s: the surroundings.
    private static func surroundingsChecks(_ surroundings: RuralSurroundings) -> [EmpiricalRange.Quantity] {
        [
            .init(name: "building height", value: surroundings.buildingHeight, range: 5...50, unit: "m"),
            .init(name: "street width", value: surroundings.streetWidth, range: 5...50, unit: "m"),
        ]
    }

    /// Throws for a link (in sight or not) or surroundings outside the table's range, or returns warnings when
    /// extrapolation is allowed.
    public static func check(
        _ link: EmpiricalLink, lineOfSight: Bool, surroundings: RuralSurroundings, allowExtrapolation: Bool
    ) throws(ModelError) -> [String] {
        try range(lineOfSight: lineOfSight).check(
            link, besides: surroundingsChecks(surroundings), allowExtrapolation: allowExtrapolation
        )
    }

    /// The breakpoint distance d_BP, metres (horizontal).
    public let breakpoint: Double
    /// PL1's terms but the distance's: 20 log10(40π f_c / 3) − min(0.044 h^1.72, 14.77).
    private let nearConstant: Double
    /// PL1's dB per decade of the 3-D distance: 20 + min(0.03 h^1.72, 10).
    private let nearSlope: Double
    /// PL1's absorption, dB per metre of the 3-D distance: 0.002 log10(h).
    private let nearAbsorption: Double
    /// PL2 − 40 log10(d_3D): PL1(d_BP) − 40 log10(d_BP).
    private let farConstant: Double
    /// The NLOS formula's terms but the distance's.
    private let obstructedConstant: Double
    /// The NLOS formula's dB per decade of the 3-D distance: 43.42 − 3.1 log10(h_BS).
    private let obstructedSlope: Double
    /// Values for the table's three cases of shadowing: in line of sight up to and beyond the breakpoint, and without.
    private typealias ByCase = (near: Double, far: Double, obstructed: Double)
    /// The table's σ of shadowing in each case, dB.
    private static let sigmas: ByCase = (4, 6, 8)
    /// The location margins added to the median loss in each case, and the σ they are taken with (a building's joined).
    private let margins: ByCase
    private let joinedSigmas: ByCase

    /// The model for base-station and handset antennas `baseHeight` and `mobileHeight` metres above ground, at
    /// `frequencyMHz`, with losses not exceeded at `locationPercent` % of locations (50: the median); `indoorSigmaDB`,
    /// a handset indoors, joins building penetration's spread to the shadowing's.
    public init(
        frequencyMHz: Double, baseHeight: Double, mobileHeight: Double, surroundings: RuralSurroundings,
        locationPercent: Double = 50, indoorSigmaDB: Double? = nil
    ) {
        let gigahertz = frequencyMHz / 1_000, h = surroundings.buildingHeight, buildings = pow(h, 1.72)
        breakpoint = 2 * Double.pi * baseHeight * mobileHeight * frequencyMHz * 1e6 / 3e8
        nearConstant = 20 * decimalLog(40 * Double.pi * gigahertz / 3) - min(0.044 * buildings, 14.77)
        nearSlope = 20 + min(0.03 * buildings, 10)
        nearAbsorption = 0.002 * decimalLog(h)
        let baseLog = decimalLog(baseHeight)
        obstructedSlope = 43.42 - 3.1 * baseLog
        let handsetLog = decimalLog(11.75 * mobileHeight)
        obstructedConstant = 161.04 - 7.1 * decimalLog(surroundings.streetWidth) + 7.5 * decimalLog(h)
            - (24.37 - 3.7 * (h / baseHeight) * (h / baseHeight)) * baseLog - 3 * obstructedSlope
            + 20 * decimalLog(gigahertz) - (3.2 * handsetLog * handsetLog - 4.97)
        farConstant = nearConstant + nearSlope * decimalLog(breakpoint) + nearAbsorption * breakpoint
            - 40 * decimalLog(breakpoint)
        let sigmas = Self.sigmas, joined = { (sigma: Double) in LocationVariability.joined(sigma, indoorSigmaDB) }
        joinedSigmas = (joined(sigmas.near), joined(sigmas.far), joined(sigmas.obstructed))
        let margin = { (sigma: Double) in LocationVariability.marginDB(percent: locationPercent, sigma: sigma) }
        margins = (margin(joinedSigmas.near), margin(joinedSigmas.far), margin(joinedSigmas.obstructed))
    }

    /// The table's probability (Table 7.4.2-1) that the countryside's buildings and trees leave a handset
    /// `horizontalDistance` metres away in sight: 1 within 10 m, e^(−(d_2D − 10)/1000) beyond.
    public static func lineOfSightProbability(horizontalDistance: Double) -> Double {
        horizontalDistance <= 10 ? 1 : exp(-(horizontalDistance - 10) / 1_000)
    }

    /// The loss (dB) not exceeded at the location percentage, `horizontalDistance` (d_2D) and `slantDistance` (d_3D)
    /// metres apart, with or without line of sight.
    public func loss(horizontalDistance: Double, slantDistance: Double, lineOfSight: Bool) -> Double {
        let near = horizontalDistance <= breakpoint
        let unobstructed = near
            ? nearConstant + nearSlope * decimalLog(slantDistance) + nearAbsorption * slantDistance
            : farConstant + 40 * decimalLog(slantDistance)
        let margin = marginDB(horizontalDistance: horizontalDistance, lineOfSight: lineOfSight)
        guard !lineOfSight else { return unobstructed + margin }
        return max(unobstructed, obstructedConstant + obstructedSlope * decimalLog(slantDistance)) + margin
    }

    /// The location margin (dB) `loss` adds at `horizontalDistance` metres, with or without line of sight: 0 at 50 %.
    public func marginDB(horizontalDistance: Double, lineOfSight: Bool) -> Double {
        pick(margins, horizontalDistance: horizontalDistance, lineOfSight: lineOfSight)
    }

    /// The σ of shadowing (dB) the table gives at `horizontalDistance` metres, with or without line of sight.
    public func sigmaDB(horizontalDistance: Double, lineOfSight: Bool) -> Double {
        pick(Self.sigmas, horizontalDistance: horizontalDistance, lineOfSight: lineOfSight)
    }

    /// The σ (dB) the location margin is taken with: the table's, joined with a building's.
    func joinedSigmaDB(horizontalDistance: Double, lineOfSight: Bool) -> Double {
        pick(joinedSigmas, horizontalDistance: horizontalDistance, lineOfSight: lineOfSight)
    }

    /// The value of `values` for the case of a receiver `horizontalDistance` metres away, in sight or not.
    private func pick(_ values: ByCase, horizontalDistance: Double, lineOfSight: Bool) -> Double {
        lineOfSight ? (horizontalDistance <= breakpoint ? values.near : values.far) : values.obstructed
    }
}
