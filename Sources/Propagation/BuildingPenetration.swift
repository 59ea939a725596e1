import Foundation

/// Outdoor-to-indoor penetration loss after 3GPP TR 38.901 (§7.4.3, Tables 7.4.3-1 and -2): the outer wall's loss
/// through its mix of glass and concrete, 5 − 10 log10(Σ pᵢ 10^(−Lᵢ/10)) dB, plus 0.5 dB per metre from the wall to the
/// handset. The materials' losses grow with frequency (f in GHz): standard glass 2 + 0.2 f, infrared-reflecting glass
/// 23 + 0.3 f, concrete 5 + 4 f dB; so 900 MHz reaches indoors with 10.6 dB of wall loss where 3.5 GHz loses 12.7
/// (low-loss buildings). Or, for the regulator's method, ITU-R P.2109's building entry loss (`BuildingEntryLoss`), its
/// median at the frequency with the spread it has at the run's location percentage.
public struct BuildingPenetration: Sendable, Equatable {
    /// The table's two kinds of building, and P.2109's two.
    public enum Walls: String, Sendable, CaseIterable {
        /// 30 % standard glass, 70 % concrete: older and simpler buildings, the countryside's (σ 4.4 dB).
        case lowLoss = "3gpp-low"
        /// 70 % infrared-reflecting glass, 30 % concrete: modern, energy-efficient buildings (σ 6.5 dB).
        case highLoss = "3gpp-high"
        /// P.2109's traditional buildings.
        case traditional = "p2109-traditional"
        /// P.2109's thermally efficient buildings.
        case thermallyEfficient = "p2109-efficient"

        /// P.2109's kind of building; nil for 3GPP's.
        var entryLoss: BuildingEntryLoss? {
            switch self {
            case .lowLoss, .highLoss: nil
            case .traditional: BuildingEntryLoss(.traditional)
            case .thermallyEfficient: BuildingEntryLoss(.thermallyEfficient)
            }
        }

        /// Whether the handset's depth inside counts (3GPP's 0.5 dB a metre; P.2109's loss is the building's entry).
        public var countsDepth: Bool { entryLoss == nil }

        /// Whether the loss grows with the path's elevation at the façade (P.2109's).
        public var growsWithElevation: Bool { entryLoss != nil }
    }

    public var walls: Walls
    /// How far inside the handset is, metres. 38.901 draws it as the smaller of two uniform draws on 0–25 m (mean
    /// 25/3 m) in towns, on 0–10 m (mean 10/3 m) in the countryside.
    public var depthM: Double

    /// The mean depth of the table's draw in towns, 25/3 m.
    public static let urbanDepthM = 25.0 / 3

    public init(walls: Walls, depthM: Double = BuildingPenetration.urbanDepthM) {
        self.walls = walls
        self.depthM = depthM
    }

    /// The depth counted in the loss, metres: nil for P.2109's buildings.
    public var countedDepthM: Double? { walls.countsDepth ? depthM : nil }

    /// The median loss (dB) from just outside the building to the handset inside, at `frequencyMHz`, at level incidence.
    public func lossDB(frequencyMHz: Double) -> Double {
        if let entry = walls.entryLoss { return entry.lossDB(frequencyMHz: frequencyMHz, percent: 50) }
        let gigahertz = frequencyMHz / 1_000
        let concrete = 5 + 4 * gigahertz
        let (glass, glassShare) = walls == .lowLoss ? (2 + 0.2 * gigahertz, 0.3) : (23 + 0.3 * gigahertz, 0.7)
        let through = glassShare * pow(10, -glass / 10) + (1 - glassShare) * pow(10, -concrete / 10)
        return 5 - 10 * log10(through) + 0.5 * depthM
    }

    /// The frequencies the building's loss is given for, MHz: 3GPP TR 38.901's 0.5–100 GHz, P.2109's 80 MHz–100 GHz.
    public var frequencyRangeMHz: ClosedRange<Double> { walls.entryLoss == nil ? 500...100_000 : 80...100_000 }

    /// Throws for a frequency outside `frequencyRangeMHz`, or returns a warning when extrapolation is allowed.
    public func check(frequencyMHz: Double, allowExtrapolation: Bool) throws(ModelError) -> [String] {
        try checkReceiverFrequency(
            frequencyMHz, within: frequencyRangeMHz, subject: "\(walls.rawValue) buildings",
            wayOut: "the building's loss with --indoor-loss-db", allowExtrapolation: allowExtrapolation
        )
    }

    /// How P.2109's median loss grows with the path's elevation at the façade, at `frequencyMHz`; nil for 3GPP's
    /// buildings, whose loss does not depend on it.
    public func elevationExcess(frequencyMHz: Double) -> EntryElevationExcess? {
        walls.entryLoss?.elevationExcess(frequencyMHz: frequencyMHz)
    }

    /// The median loss (dB) at `frequencyMHz` for a path `elevationDegrees` above or below the horizontal at the façade
    /// (P.2109's grows with it; 3GPP's does not).
    public func lossDB(frequencyMHz: Double, elevationDegrees: Double) -> Double {
        lossDB(frequencyMHz: frequencyMHz) + (elevationExcess(frequencyMHz: frequencyMHz)?.lossDB(elevationDegrees: elevationDegrees) ?? 0)
    }

    /// The σ (dB) of the loss from building to building: 3GPP's table's, or P.2109's spread at `locationPercent` as a
    /// log-normal σ (`BuildingEntryLoss.sigmaDB`) at `frequencyMHz`.
    public func sigmaDB(frequencyMHz: Double, locationPercent: Double) -> Double {
        if let entry = walls.entryLoss { return entry.sigmaDB(frequencyMHz: frequencyMHz, percent: locationPercent) }
        return walls == .lowLoss ? 4.4 : 6.5
    }
}
