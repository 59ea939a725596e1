/// A model whose loss depends on the link's distance alone — free space, Okumura-Hata, COST-231 — prepared for one
/// site's frequency and antenna heights, so that a footprint's cells cost one logarithm each.
public enum DistanceLoss: Sendable {
    case freeSpace(frequencyMHz: Double)
    case empirical(EmpiricalCurve)

    /// The prepared form of `model`, or nil when its loss depends on more than the distance.
    public init?(
        model: PathLossModel, transmitterHeight: Double, receiverHeight: Double, frequencyMHz: Double,
        environment: RadioEnvironment
    ) {
        let heights = EmpiricalLink(frequencyMHz: frequencyMHz, baseHeight: transmitterHeight, mobileHeight: receiverHeight, distance: 0)
        switch model {
        case .fspl: self = .freeSpace(frequencyMHz: frequencyMHz)
        case .hata: self = .empirical(EmpiricalCurve(hata: heights, environment: environment.hata))
        case .cost231: self = .empirical(EmpiricalCurve(cost231: heights, environment: environment.cost231))
        case .los, .itm, .itmArea, .p526, .rma, .uma, .umi: return nil
        }
    }

    /// Basic transmission loss (dB): free space over the slant distance, the empirical models over the horizontal one
    /// (metres both). Inlinable: a footprint asks once per cell.
    @inlinable public func loss(horizontalDistance: Double, slantDistance: Double) -> Double {
        switch self {
        case .freeSpace(let frequencyMHz): freeSpaceLoss(distance: slantDistance, frequencyMHz: frequencyMHz)
        case .empirical(let curve): curve.loss(distance: horizontalDistance)
        }
    }
}
