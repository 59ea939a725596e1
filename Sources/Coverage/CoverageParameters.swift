import Propagation

/// Run-wide settings for computing site coverage.
public struct CoverageParameters: Sendable, Equatable {
    /// Largest distance from a site that is evaluated, metres.
    public var radius: Double
    /// Receiver (handset) height above ground, metres.
    public var receiverHeight: Double
    /// The height the path-loss model takes the handset at: the top of the clutter around it (P.2108's R, with
    /// `receiver.handsetClutter`), or its own.
    public var modelReceiverHeight: Double {
        receiver.handsetClutter?.modelHeight(handsetHeight: receiverHeight) ?? receiverHeight
    }
    public var earth: EarthModel
    public var thresholds: CoverageThresholds
    /// The path-loss model evaluated for every cell.
    public var model: PathLossModel
    public var environment: RadioEnvironment
    public var receiver: ReceiverBudget
    /// How terrain models are evaluated over the footprint.
    public var kernel: CoverageKernel
    /// Whether every site's uplink is checked (`--uplink`), not only those whose records state it.
    public var checksUplink = false

    public init(
        radius: Double = 30_000, receiverHeight: Double = 1.5, earth: EarthModel = EarthModel(),
        thresholds: CoverageThresholds = CoverageThresholds(), model: PathLossModel = .los,
        environment: RadioEnvironment = RadioEnvironment(), receiver: ReceiverBudget = ReceiverBudget(),
        kernel: CoverageKernel = .sweep
    ) {
        self.kernel = kernel
        self.radius = radius
        self.receiverHeight = receiverHeight
        self.earth = earth
        self.thresholds = thresholds
        self.model = model
        self.environment = environment
        self.receiver = receiver
    }

    /// The fewest cells a radius may span: on shorter radii a footprint is a handful of cells whose area can exceed
    /// the disc's (one 40 km cell for a 30 km radius), so runs refuse them.
    public static let minimumRadiusCells = 2

    /// The kernel terrain models run on over a grid of `spacing` metres: the one asked for, except that sweeps give
    /// way to the exact kernel on radii too short for them to meet their accuracy contract
    /// (`RadialLossModel.shortestRadiusCells(for:)`: 150 cells for ITM).
    public func kernelUsed(spacing: Double) -> CoverageKernel {
        kernel == .sweep && radius / spacing >= RadialLossModel.shortestRadiusCells(for: model) ? .sweep : .exact
    }

    /// `environment` for the receiver in its building (`RadioEnvironment.indoors`) at `site`'s frequency, as the
    /// models see it.
    public func modelEnvironment(for site: Site) -> RadioEnvironment {
        environment.indoors(receiver.penetration, frequencyMHz: site.frequencyMHz)
    }

    /// The dB taken off `site`'s received power so that it is reached at the run's location percentage
    /// (`PathLossModel.locationMarginDB`): 0 for ITM and at 50 %.
    public func locationMarginDB(for site: Site) -> Double {
        model.locationMarginDB(
            frequencyMHz: site.frequencyMHz, environment: environment,
            indoorSigmaDB: environment.indoorSigmaDB(receiver.penetration, frequencyMHz: site.frequencyMHz)
        )
    }

    /// The downlink power that counts as coverage for `site`: the downlink's threshold or, where its uplink is
    /// checked and needs more, the power at which the uplink closes.
    public func threshold(for site: Site) -> Double {
        let downlink = downlinkThreshold(for: site)
        guard let uplink = checkedUplink(of: site) else { return downlink }
        return max(downlink, uplink.requiredDownlinkDBm(eirpDBm: site.eirpDBm))
    }

    /// The downlink's threshold for `site`: its own, or the run's for its technology.
    public func downlinkThreshold(for site: Site) -> Double {
        site.thresholdDBm ?? thresholds[site.technology]
    }

    /// `site`'s uplink when this run checks it: with `--uplink`, or when the site's record states it.
    public func checkedUplink(of site: Site) -> Uplink? {
        guard let uplink = site.uplink, checksUplink || uplink.isStated else { return nil }
        return uplink
    }

    /// Refuses a run checking every site's uplink when a site's antenna gain is unknown (its EIRP given alone).
    public func validateUplink(of sites: [Site]) throws(UplinkError) {
        guard checksUplink, let site = sites.first(where: { $0.uplink == nil }) else { return }
        throw UplinkError(
            message: "site '\(site.id)': --uplink needs the site's antenna gain: give antenna_gain_dbi (and feeder_loss_db) or an antenna_file with a GAIN line beside eirp_dbm, or tx_power_dbm with them"
        )
    }
}

/// How a footprint evaluates terrain models.
public enum CoverageKernel: String, Sendable, CaseIterable, Codable {
    /// The fast kernel: for terrain models, radial sweeps with running profile statistics (one pass per
    /// radial, every cell filled), except for ITM on radii under 150 cells and within 50 cells of the site,
    /// where the exact kernel runs; for `los`, the exact ray test passing over crossings that sector horizons
    /// or tile maxima show below the ray.
    case sweep
    /// A full profile from the site to every cell centre: the reference the sweep is checked against.
    case exact
}

/// The receiving end of the link budget: handset antenna gain and the margins subtracted for
/// building penetration, the user's body and foliage.
public struct ReceiverBudget: Sendable, Equatable {
    public var antennaGainDBi: Double
    /// Building penetration as one margin for every band; `penetration`, when given, instead.
    public var indoorLossDB: Double
    /// Building penetration by frequency (3GPP TR 38.901's outdoor-to-indoor loss).
    public var penetration: BuildingPenetration?
    public var bodyLossDB: Double
    public var foliageLossDB: Double
    /// The buildings or trees around a handset below their tops (ITU-R P.2108's terminal correction); nil for none.
    public var handsetClutter: HandsetClutter?

    public init(
        antennaGainDBi: Double = 0, indoorLossDB: Double = 0, penetration: BuildingPenetration? = nil, bodyLossDB: Double = 0,
        foliageLossDB: Double = 0, handsetClutter: HandsetClutter? = nil
    ) {
        self.antennaGainDBi = antennaGainDBi
        self.indoorLossDB = indoorLossDB
        self.penetration = penetration
        self.bodyLossDB = bodyLossDB
        self.foliageLossDB = foliageLossDB
        self.handsetClutter = handsetClutter
    }

    /// The building penetration loss at `frequencyMHz`, dB.
    public func indoorLossDB(frequencyMHz: Double) -> Double {
        penetration?.lossDB(frequencyMHz: frequencyMHz) ?? indoorLossDB
    }

    /// The loss of the clutter around a handset `handsetHeight` metres above ground at `frequencyMHz`, dB (0 without).
    public func handsetClutterLossDB(frequencyMHz: Double, handsetHeight: Double) -> Double {
        handsetClutter?.lossDB(frequencyMHz: frequencyMHz, handsetHeight: handsetHeight) ?? 0
    }

    /// Added to EIRP − path loss to give received power at `frequencyMHz` for a handset `handsetHeight` metres above
    /// ground: gain minus every margin.
    public func netGainDB(frequencyMHz: Double, handsetHeight: Double) -> Double {
        antennaGainDBi - indoorLossDB(frequencyMHz: frequencyMHz) - bodyLossDB - foliageLossDB
            - handsetClutterLossDB(frequencyMHz: frequencyMHz, handsetHeight: handsetHeight)
    }
}
