import Coverage
import Foundation

/// How SINR becomes the bits per second per hertz one spatial layer carries: an attenuated, truncated Shannon bound,
/// α log2(1 + SINR), nothing below a floor and at most a peak.
///
/// With more than one antenna at each end (the server's `tx_antennas`, the handset's) the handset takes the rank
/// r ≤ min(both) that gives it the most: r layers sharing the server's power, each at SINR × (Nr − r + 1) / r after a
/// linear (zero-forcing) receiver of Nr antennas — at rank 1 the combining gain Nr — the interference taken as
/// spatially white. A handset of one antenna has the bound alone, whatever the server's.
public struct RateMapping: Sendable, Equatable {
    /// α: the share of the Shannon bound link adaptation reaches.
    public let attenuation: Double
    /// The most the modulation and coding reach, bits per second per hertz.
    public let peakBitsPerHertz: Double
    /// The SINR below which no transport block gets through, dB.
    public let minimumSINRDB: Double

    /// 4G: 3GPP TR 36.942 (Annex A.2) for the LTE downlink — α 0.6, from −10 dB, at most 4.4 (64QAM; reached at 22 dB).
    public static let lte = RateMapping(attenuation: 0.6, peakBitsPerHertz: 4.4, minimumSINRDB: -10)
    /// 5G: TR 36.942's α and floor, at most the top of TS 38.214's 256QAM CQI table (Table 5.2.2.1-3, CQI 15:
    /// 8 × 948/1024 = 7.4063), which α 0.6 reaches at 37.2 dB.
    public static let nr = RateMapping(attenuation: 0.6, peakBitsPerHertz: 7.4063, minimumSINRDB: -10)

    /// Bits per second per hertz of one layer at `sinrDB`.
    public func bitsPerHertz(sinrDB: Double) -> Double {
        guard sinrDB >= minimumSINRDB else { return 0 }
        return min(peakBitsPerHertz, attenuation * log2(1 + pow(10, sinrDB / 10)))
    }

    /// Bits per second per hertz at `sinrDB` from `transmitAntennas` to `receiveAntennas`, at the best rank.
    public func bitsPerHertz(sinrDB: Double, transmitAntennas: Int, receiveAntennas: Int) -> Double {
        (1...max(1, min(transmitAntennas, receiveAntennas))).reduce(0) { best, rank in
            let perLayer = sinrDB + 10 * log10(Double(receiveAntennas - rank + 1) / Double(rank))
            return max(best, Double(rank) * bitsPerHertz(sinrDB: perLayer))
        }
    }
}

/// How a run turns SINR into the downlink rate a handset could draw from its server (`--throughput`): the server's
/// data SINR, through the technology's `RateMapping` over every subcarrier of the server's
/// carrier (a 4G resource block's 180 kHz, a 5G one's 12 subcarriers at its spacing) — a 5G carrier's for the share of
/// its time its TDD pattern gives the downlink — as one handset scheduled alone would.
public struct ThroughputSettings: Sendable, Equatable {
    /// The rate below which a cell counts as too slow, Mbps.
    public var limitMbps: Double
    /// The handset's receive antennas.
    public var handsetAntennas: Int
    /// 5G carriers' slot pattern (`--nr-tdd-pattern`).
    public var nrFrame: TDDFrame

    public init(limitMbps: Double = 5, handsetAntennas: Int = 1, nrFrame: TDDFrame = .default) {
        self.limitMbps = limitMbps
        self.handsetAntennas = handsetAntennas
        self.nrFrame = nrFrame
    }

    /// The limits accepted, Mbps.
    public static let limitRange = 0.01...1_000
    /// The handsets' receive antennas accepted.
    public static let handsetAntennaChoices = [1, 2, 4]

    /// Mbps from `site` at `sinrDB` to a handset of `handsetAntennas`: its technology's mapping over its carrier's
    /// occupied bandwidth, a 5G carrier's for its downlink's share of the time; nil without a bandwidth.
    public func megabitsPerSecond(sinrDB: Double, from site: Site) -> Double? {
        guard let bandwidth = site.occupiedBandwidthMHz else { return nil }
        let nr = site.technology == .nr, mapping = nr ? RateMapping.nr : .lte
        let bitsPerHertz = mapping.bitsPerHertz(sinrDB: sinrDB, transmitAntennas: site.transmitAntennas, receiveAntennas: handsetAntennas)
        return bitsPerHertz * bandwidth * (nr ? nrFrame.downlinkShare : 1)
    }
}

extension CarrierInterference {
    /// Each cell's downlink rate from its server, Mbps, at `sinr` (the server's data SINR) under
    /// `settings`; NaN where no site reaches or the server's bandwidth is unknown.
    func throughput(_ sinr: [Float], settings: ThroughputSettings, sites: [Site]) -> [Float] {
        zip(server, sinr).map { number, sinr in
            guard number > 0, !sinr.isNaN, let rate = settings.megabitsPerSecond(sinrDB: Double(sinr), from: sites[Int(number) - 1]) else { return .nan }
            return Float(rate)
        }
    }
}
