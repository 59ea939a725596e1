/// A 3GPP TR 38.901 scenario prepared for one link's frequency and heights, whose loss depends on whether the terrain
/// leaves the receiver in sight: the rural macro-cell (`rma`), the urban macro-cell (`uma`) or the urban micro-cell in
/// a street canyon (`umi`).
public enum ScenarioModel: Sendable {
    case rural(RuralMacro)
    case urban(UrbanCell)

    /// The loss (dB) not exceeded at the location percentage, `horizontalDistance` (d_2D) and `slantDistance` (d_3D)
    /// metres apart, with or without line of sight.
    public func loss(horizontalDistance: Double, slantDistance: Double, lineOfSight: Bool) -> Double {
        switch self {
        case .rural(let model): model.loss(horizontalDistance: horizontalDistance, slantDistance: slantDistance, lineOfSight: lineOfSight)
        case .urban(let model): model.loss(horizontalDistance: horizontalDistance, slantDistance: slantDistance, lineOfSight: lineOfSight)
        }
    }

    /// The location margin (dB) `loss` adds at `horizontalDistance` metres, with or without line of sight: 0 at 50 %.
    public func marginDB(horizontalDistance: Double, lineOfSight: Bool) -> Double {
        switch self {
        case .rural(let model): model.marginDB(horizontalDistance: horizontalDistance, lineOfSight: lineOfSight)
        case .urban(let model): model.marginDB(lineOfSight: lineOfSight)
        }
    }

    /// The σ of shadowing (dB) the scenario gives at `horizontalDistance` metres, with or without line of sight.
    public func sigmaDB(horizontalDistance: Double, lineOfSight: Bool) -> Double {
        switch self {
        case .rural(let model): model.sigmaDB(horizontalDistance: horizontalDistance, lineOfSight: lineOfSight)
        case .urban(let model): model.sigmaDB(lineOfSight: lineOfSight)
        }
    }

    /// The breakpoint distance, metres (horizontal).
    public var breakpoint: Double {
        switch self {
        case .rural(let model): model.breakpoint
        case .urban(let model): model.breakpoint
        }
    }
}
