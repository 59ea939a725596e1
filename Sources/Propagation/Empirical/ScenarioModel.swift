/// A 3GPP TR 38.901 scenario prepared for one link's frequency and heights, whose loss depends on whether the receiver
/// is in sight: the rural macro-cell (`rma`), the urban macro-cell (`uma`) or the urban micro-cell in a street canyon
/// (`umi`). The terrain decides: a cell behind a ridge is out of sight. Where the terrain leaves it in sight, it is in
/// sight outright, or (`RadioEnvironment.sightProbability`) only with the table's probability that the scenario's
/// buildings and trees leave it so too, its loss then a mixture of the two cases' spreads (`SightMixture`).
public struct ScenarioModel: Sendable {
    /// The table's scenario.
    public enum Table: Sendable {
        case rural(RuralMacro)
        case urban(UrbanCell)
    }

    public let table: Table
    /// Whether a cell the terrain leaves in sight is so only with the table's probability.
    public let sightProbability: Bool
    /// The location percentage the losses are taken at.
    let locationPercent: Double

    /// The loss (dB) not exceeded at the location percentage, `horizontalDistance` (d_2D) and `slantDistance` (d_3D)
    /// metres apart, with or without line of sight over the terrain.
    public func loss(horizontalDistance: Double, slantDistance: Double, lineOfSight: Bool) -> Double {
        guard mixes(horizontalDistance: horizontalDistance, lineOfSight: lineOfSight) else {
            return table.loss(horizontalDistance: horizontalDistance, slantDistance: slantDistance, lineOfSight: lineOfSight)
        }
        return mixedLoss(horizontalDistance: horizontalDistance, slantDistance: slantDistance, percent: locationPercent)
    }

    /// The location margin (dB) `loss` adds at `horizontalDistance` metres to the median over locations: 0 at 50 %.
    public func marginDB(horizontalDistance: Double, slantDistance: Double, lineOfSight: Bool) -> Double {
        guard mixes(horizontalDistance: horizontalDistance, lineOfSight: lineOfSight), locationPercent != 50 else {
            return table.marginDB(horizontalDistance: horizontalDistance, lineOfSight: lineOfSight)
        }
        return loss(horizontalDistance: horizontalDistance, slantDistance: slantDistance, lineOfSight: true)
            - mixedLoss(horizontalDistance: horizontalDistance, slantDistance: slantDistance, percent: 50)
    }

    /// The σ of shadowing (dB) the table gives at `horizontalDistance` metres, with or without line of sight over the
    /// terrain; nil where two cases mix, whose spread is no single log-normal.
    public func sigmaDB(horizontalDistance: Double, lineOfSight: Bool) -> Double? {
        guard mixes(horizontalDistance: horizontalDistance, lineOfSight: lineOfSight) else {
            return table.sigmaDB(horizontalDistance: horizontalDistance, lineOfSight: lineOfSight)
        }
        return nil
    }

    /// Whether a cell `horizontalDistance` metres away, in sight over the terrain or not, mixes the two cases: in sight
    /// with a probability under 1.
    private func mixes(horizontalDistance: Double, lineOfSight: Bool) -> Bool {
        lineOfSight && sightProbability && lineOfSightProbability(horizontalDistance: horizontalDistance) < 1
    }

    /// The table's probability that buildings and trees leave a handset `horizontalDistance` metres away in sight.
    public func lineOfSightProbability(horizontalDistance: Double) -> Double {
        switch table {
        case .rural: RuralMacro.lineOfSightProbability(horizontalDistance: horizontalDistance)
        case .urban(let model): model.lineOfSightProbability(horizontalDistance: horizontalDistance)
        }
    }

    /// The breakpoint distance, metres (horizontal).
    public var breakpoint: Double {
        switch table {
        case .rural(let model): model.breakpoint
        case .urban(let model): model.breakpoint
        }
    }

    /// The loss not exceeded at `percent` % of the locations the terrain leaves in sight, where the table's buildings
    /// leave them in sight with its probability.
    private func mixedLoss(horizontalDistance: Double, slantDistance: Double, percent: Double) -> Double {
        func spread(_ seen: Bool) -> (median: Double, sigma: Double) {
            let loss = table.loss(horizontalDistance: horizontalDistance, slantDistance: slantDistance, lineOfSight: seen)
            return (loss - table.marginDB(horizontalDistance: horizontalDistance, lineOfSight: seen),
                    table.joinedSigmaDB(horizontalDistance: horizontalDistance, lineOfSight: seen))
        }
        return SightMixture(
            chance: lineOfSightProbability(horizontalDistance: horizontalDistance), inSight: spread(true), hidden: spread(false)
        ).loss(notExceededAt: percent)
    }
}

extension ScenarioModel.Table {
    func loss(horizontalDistance: Double, slantDistance: Double, lineOfSight: Bool) -> Double {
        switch self {
        case .rural(let model): model.loss(horizontalDistance: horizontalDistance, slantDistance: slantDistance, lineOfSight: lineOfSight)
        case .urban(let model): model.loss(horizontalDistance: horizontalDistance, slantDistance: slantDistance, lineOfSight: lineOfSight)
        }
    }

    func marginDB(horizontalDistance: Double, lineOfSight: Bool) -> Double {
        switch self {
        case .rural(let model): model.marginDB(horizontalDistance: horizontalDistance, lineOfSight: lineOfSight)
        case .urban(let model): model.marginDB(lineOfSight: lineOfSight)
        }
    }

    func sigmaDB(horizontalDistance: Double, lineOfSight: Bool) -> Double {
        switch self {
        case .rural(let model): model.sigmaDB(horizontalDistance: horizontalDistance, lineOfSight: lineOfSight)
        case .urban(let model): model.sigmaDB(lineOfSight: lineOfSight)
        }
    }

    func joinedSigmaDB(horizontalDistance: Double, lineOfSight: Bool) -> Double {
        switch self {
        case .rural(let model): model.joinedSigmaDB(horizontalDistance: horizontalDistance, lineOfSight: lineOfSight)
        case .urban(let model): model.joinedSigmaDB(lineOfSight: lineOfSight)
        }
    }
}
