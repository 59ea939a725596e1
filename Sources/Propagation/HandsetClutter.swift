import Foundation

/// The buildings or trees around a handset standing below their tops, by ITU-R P.2108-1 §3.1 (the height-gain
/// terminal correction): the path's model takes the handset at the clutter's top, `heightM` (P.2108's representative
/// height R) above ground, and the handset below it loses `lossDB` more — the diffraction over the clutter's edge down
/// into a street `streetWidthM` wide among suburban, urban and dense urban buildings and trees; the height gain lost,
/// K_h2 log10(R/h), over water and open ground. Given for 30 MHz–3 GHz.
public struct HandsetClutter: Sendable, Equatable {
    /// P.2108's clutter types (Table 3).
    public enum Kind: String, Sendable, CaseIterable {
        case water
        case open
        case suburban
        case urban
        case trees
        case denseUrban = "dense-urban"

        /// P.2108's default representative clutter height R (Table 3), metres: 10 over water, open ground and
        /// suburbs, 15 in towns and woods, 20 in dense towns.
        public var defaultHeightM: Double {
            switch self {
            case .water, .open, .suburban: 10
            case .urban, .trees: 15
            case .denseUrban: 20
            }
        }

        /// Whether the handset is reached by diffraction over the clutter's edge (Eq. 2a) rather than by the height
        /// gain of open ground (Eq. 2b).
        var diffracts: Bool { self != .water && self != .open }
    }

    public var kind: Kind
    /// The clutter's representative height R above ground, metres.
    public var heightM: Double
    /// The width of the street the handset stands in, metres (Eq. 2a's w_s).
    public var streetWidthM: Double

    /// P.2108's default street width, metres.
    public static let defaultStreetWidthM = 27.0
    /// The frequencies the correction is given for, MHz.
    public static let frequencyRangeMHz: ClosedRange<Double> = 30...3_000
    /// The heights and street widths a run may give, metres.
    public static let heightRangeM: ClosedRange<Double> = 1...100

    /// Clutter of `kind`, `heightM` tall (default: P.2108's for the kind), around a street `streetWidthM` wide.
    public init(kind: Kind, heightM: Double? = nil, streetWidthM: Double = defaultStreetWidthM) {
        self.kind = kind
        self.heightM = heightM ?? kind.defaultHeightM
        self.streetWidthM = streetWidthM
    }

    /// The height the path's model takes a handset `handsetHeight` metres above ground at: the clutter's top, or the
    /// handset's own where it stands above it.
    public func modelHeight(handsetHeight: Double) -> Double { max(handsetHeight, heightM) }

    /// P.2108's A_h at `frequencyMHz` for a handset `handsetHeight` metres above ground (> 0), dB, added to the loss
    /// the model gives at `modelHeight`: 0 at or above the clutter's top.
    public func lossDB(frequencyMHz: Double, handsetHeight: Double) -> Double {
        guard handsetHeight < heightM else { return 0 }
        let gigahertz = frequencyMHz / 1_000
        guard kind.diffracts else {
            return -(21.8 + 6.2 * log10(gigahertz)) * log10(handsetHeight / heightM)
        }
        let depth = heightM - handsetHeight
        let edgeDegrees = atan(depth / streetWidthM) * 180 / .pi
        let nu = 0.342 * gigahertz.squareRoot() * (depth * edgeDegrees).squareRoot()
        return knifeEdgeLoss(nu: nu) - 6.03
    }

    /// Throws for a frequency outside `frequencyRangeMHz`, or returns a warning when extrapolation is allowed.
    public func check(frequencyMHz: Double, allowExtrapolation: Bool) throws(ModelError) -> [String] {
        try checkReceiverFrequency(
            frequencyMHz, within: Self.frequencyRangeMHz, subject: "\(kind.rawValue) clutter around the handset (P.2108)",
            wayOut: "the clutter's loss with --foliage-loss-db or --clutter", allowExtrapolation: allowExtrapolation
        )
    }

    /// Refuses the models whose formulas already hold the clutter around the handset (Hata's family and 3GPP's
    /// scenarios): P.2108's correction goes with the models that take the path over bare terrain.
    public static func check(model: PathLossModel) throws(ModelError) {
        guard model == .hata || model == .cost231 || model.isScenario else { return }
        throw ModelError(
            "\(model.rawValue): its formula holds the clutter around the handset already; --handset-clutter (handset_clutter) is for "
                + "los, fspl, p526, itm and itm-area"
        )
    }
}
