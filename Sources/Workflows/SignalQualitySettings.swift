import Coverage
import Foundation

/// How a run computes 4G sites' reference-signal SINR (`--sinr`).
public struct SINRSettings: Sendable, Equatable {
    /// The share of resource elements the other cells fill, percent: their interference is their RSRP times this —
    /// each cell's own `Site.loadPercent` where its site gives it.
    public var loadPercent: Double
    /// The handset receiver's noise figure, dB.
    public var noiseFigureDB: Double
    /// RSRP pollution: more than `limit` cells on a frequency within `windowDB` of the best RSRP.
    public var crowding: ServerCrowding
    /// The downlink rate from the server (`throughput.tif`); nil for none.
    public var throughput: ThroughputSettings?
    /// The share of resource elements beyond the SS/PBCH blocks the other 5G cells fill, percent, for 5G's data SINR
    /// and its rate (`--nr-load`): each cell's own `Site.loadPercent` where its site gives it. SS-SINR counts every cell
    /// whole whatever it is.
    public var nrLoadPercent: Double

    public init(
        loadPercent: Double = 100, noiseFigureDB: Double = 7, crowding: ServerCrowding = .init(windowDB: 6, limit: 3),
        throughput: ThroughputSettings? = nil, nrLoadPercent: Double = 100
    ) {
        self.loadPercent = loadPercent
        self.noiseFigureDB = noiseFigureDB
        self.crowding = crowding
        self.throughput = throughput
        self.nrLoadPercent = nrLoadPercent
    }

    /// The share of its resource elements `site`'s cell fills beyond its reference signals (5G: its SS/PBCH blocks),
    /// 0–1: its own load where it gives one, else the settings' for its technology.
    public func loadShare(of site: Site) -> Double { (site.loadPercent ?? (site.technology == .nr ? nrLoadPercent : loadPercent)) / 100 }

    /// Thermal noise in one resource element (15 kHz) at the handset, dBm: −174 dBm/Hz + 10 log10 15,000 + noise figure.
    public var noiseDBm: Double { thermalNoiseDBm(bandwidthHz: 15_000, noiseFigureDB: noiseFigureDB) }

    /// Thermal noise in one subcarrier of `subcarrierSpacingKHz` at the handset, dBm, what a 5G synchronisation signal's
    /// resource element spans: −174 dBm/Hz + 10 log10 30,000 + noise figure at mid-band's 30 kHz, 3 dB less at 15 kHz.
    public func synchronisationNoiseDBm(subcarrierSpacingKHz: Double) -> Double {
        thermalNoiseDBm(bandwidthHz: 1_000 * subcarrierSpacingKHz, noiseFigureDB: noiseFigureDB)
    }

    /// The loads and noise figures accepted.
    public static let loadRange = Site.loadRange, noiseFigureRange = 0.0...20
}

/// How a run computes 3G sites' pilot quality, CPICH Ec/Io (`--ecio`).
public struct EcIoSettings: Sendable, Equatable {
    /// How much of its power beyond the pilot each cell transmits, percent of the most it can: 100, every cell at full
    /// power, is the worst case — each cell's own `Site.loadPercent` where its site gives it.
    public var loadPercent: Double
    /// The pilot's (CPICH's) share of a cell's maximum power, percent, for sites that do not give their own
    /// (`Site.pilotOffsetDB`): 10 % is usual.
    public var pilotSharePercent: Double
    /// The handset receiver's noise figure, dB.
    public var noiseFigureDB: Double
    /// The Ec/Io below which a cell's pilot counts as too weak to serve, dB.
    public var limitDB: Double
    /// Pilot pollution: more pilots within `windowDB` of the strongest than a handset's active set holds (`limit`).
    public var crowding: ServerCrowding

    public init(
        loadPercent: Double = 100, pilotSharePercent: Double = 10, noiseFigureDB: Double = 7, limitDB: Double = -12,
        crowding: ServerCrowding = .init(windowDB: 5, limit: 3)
    ) {
        self.loadPercent = loadPercent
        self.pilotSharePercent = pilotSharePercent
        self.noiseFigureDB = noiseFigureDB
        self.limitDB = limitDB
        self.crowding = crowding
    }

    /// Thermal noise over the 3.84 MHz chip rate at the handset, dBm: −174 dBm/Hz + 10 log10 3,840,000 + noise figure.
    public var noiseDBm: Double { thermalNoiseDBm(bandwidthHz: 3_840_000, noiseFigureDB: noiseFigureDB) }

    /// A cell's total power over its pilot's: the pilot alone at no load, the whole maximum power at full load — the
    /// pilot's share of that and the load being `site`'s own when it gives them (`pilotOffsetDB`: 10^(−offset/10);
    /// `loadPercent`), else the settings'.
    public func totalOverPilot(of site: Site) -> Double {
        let share = site.pilotOffsetDB.map { pow(10, -$0 / 10) } ?? pilotSharePercent / 100
        return 1 + (1 / share - 1) * (site.loadPercent ?? loadPercent) / 100
    }

    /// The pilot shares and Ec/Io limits accepted.
    public static let pilotShareRange = 1.0...50, limitRange = -30.0...0
}

/// How a run computes 2G sites' carrier-to-interference ratio, C/I, on the carrier each site gives (its BCCH, which
/// always transmits at full power) (`--ci`).
public struct CarrierToInterferenceSettings: Sendable, Equatable {
    /// The handset receiver's noise figure, dB.
    public var noiseFigureDB: Double
    /// The C/I below which a cell counts as interfered, dB: 9 dB is the reference co-channel ratio of 3GPP TS 45.005
    /// (§6.3); planners often add a 3 dB margin.
    public var limitDB: Double

    public init(noiseFigureDB: Double = 7, limitDB: Double = 9) {
        self.noiseFigureDB = noiseFigureDB
        self.limitDB = limitDB
    }

    /// Thermal noise over a 200 kHz channel at the handset, dBm: −174 dBm/Hz + 10 log10 200,000 + noise figure.
    public var noiseDBm: Double { thermalNoiseDBm(bandwidthHz: 200_000, noiseFigureDB: noiseFigureDB) }

    /// How much less than a carrier on the same channel one a channel (200 kHz) and two channels away interfere, dB:
    /// TS 45.005's reference interference ratios, 9 dB co-channel against −9 dB and −41 dB adjacent.
    public static let adjacentChannelRejectionDB = [18.0, 50.0]

    /// The share of a carrier's power that interferes with one `offsetMHz` away, counted on the nearest 200 kHz
    /// channel: all of it on the same channel, 10^(−rejection/10) on the first two adjacent ones, none beyond.
    public static func interferingShare(offsetMHz: Double) -> Double {
        let channels = Int((abs(offsetMHz) / 0.2).rounded())
        guard channels <= adjacentChannelRejectionDB.count else { return 0 }
        return channels == 0 ? 1 : pow(10, -adjacentChannelRejectionDB[channels - 1] / 10)
    }

    /// The limits accepted.
    public static let limitRange = -10.0...30
}

/// Thermal noise over `bandwidthHz` at a receiver of `noiseFigureDB`, dBm: −174 dBm/Hz + 10 log10 bandwidth + noise figure.
func thermalNoiseDBm(bandwidthHz: Double, noiseFigureDB: Double) -> Double {
    -174 + 10 * log10(bandwidthHz) + noiseFigureDB
}
