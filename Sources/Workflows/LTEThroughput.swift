import Coverage
import Foundation

/// How a run turns 4G SINR into the downlink rate a handset could draw from its server (`--throughput`): the
/// attenuated and truncated Shannon bound of 3GPP TR 36.942 (Annex A.2) for the downlink — α log2(1 + SINR) bits per
/// second per hertz, α = 0.6, nothing below −10 dB and at most 4.4 (reached at 22 dB) — per spatial layer, over every
/// resource block (180 kHz) of the server's carrier, as one handset scheduled alone would.
///
/// With more than one antenna at each end (the server's `tx_antennas`, the handset's `handsetAntennas`) the handset
/// takes the rank r ≤ min(both) that gives it the most: r layers sharing the server's power, each at
/// SINR × (Nr − r + 1) / r after a linear (zero-forcing) receiver of Nr antennas — at rank 1 the combining gain Nr —
/// the interference taken as spatially white. A handset of one antenna has the bound alone, whatever the server's.
public struct ThroughputSettings: Sendable, Equatable {
    /// The rate below which a cell counts as too slow, Mbps.
    public var limitMbps: Double
    /// The handset's receive antennas.
    public var handsetAntennas: Int

    public init(limitMbps: Double = 5, handsetAntennas: Int = 1) {
        self.limitMbps = limitMbps
        self.handsetAntennas = handsetAntennas
    }

    /// α: the share of the Shannon bound link adaptation reaches.
    public static let attenuation = 0.6
    /// The most the modulation and coding reach, bits per second per hertz.
    public static let peakBitsPerHertz = 4.4
    /// The SINR below which no transport block gets through, dB.
    public static let minimumSINRDB = -10.0
    /// The limits accepted, Mbps.
    public static let limitRange = 0.01...1_000
    /// The handsets' receive antennas accepted.
    public static let handsetAntennaChoices = [1, 2, 4]

    /// Bits per second per hertz of one layer at `sinrDB`.
    public static func bitsPerHertz(sinrDB: Double) -> Double {
        guard sinrDB >= minimumSINRDB else { return 0 }
        return min(peakBitsPerHertz, attenuation * log2(1 + pow(10, sinrDB / 10)))
    }

    /// Bits per second per hertz at `sinrDB` from `transmitAntennas` to `receiveAntennas`, at the best rank.
    public static func bitsPerHertz(sinrDB: Double, transmitAntennas: Int, receiveAntennas: Int) -> Double {
        (1...max(1, min(transmitAntennas, receiveAntennas))).reduce(0) { best, rank in
            let perLayer = sinrDB + 10 * log10(Double(receiveAntennas - rank + 1) / Double(rank))
            return max(best, Double(rank) * bitsPerHertz(sinrDB: perLayer))
        }
    }

    /// Mbps over `resourceBlocks` of 180 kHz at `sinrDB`, from `transmitAntennas` to `receiveAntennas`.
    public static func megabitsPerSecond(sinrDB: Double, resourceBlocks: Int, transmitAntennas: Int = 1, receiveAntennas: Int = 1) -> Double {
        bitsPerHertz(sinrDB: sinrDB, transmitAntennas: transmitAntennas, receiveAntennas: receiveAntennas) * Double(resourceBlocks) * 0.18
    }
}

extension CarrierInterference {
    /// Each cell's downlink rate from its server, Mbps, at the data SINR under `settings`' load, to a handset of
    /// `handsetAntennas`; NaN where no 4G site reaches or the server's bandwidth is unknown.
    func throughput(_ settings: SINRSettings, handsetAntennas: Int, sites: [Site]) -> [Float] {
        zip(server, dataSINR(settings)).map { number, sinr in
            guard number > 0, !sinr.isNaN else { return .nan }
            let site = sites[Int(number) - 1]
            guard let blocks = site.resourceBlocks else { return .nan }
            return Float(ThroughputSettings.megabitsPerSecond(
                sinrDB: Double(sinr), resourceBlocks: blocks, transmitAntennas: site.transmitAntennas, receiveAntennas: handsetAntennas
            ))
        }
    }
}
