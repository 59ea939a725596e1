import Coverage
import Foundation

/// How a run turns 4G SINR into the downlink rate a handset could draw from its server (`--throughput`): the
/// attenuated and truncated Shannon bound of 3GPP TR 36.942 (Annex A.2) for the downlink, one antenna each end —
/// α log2(1 + SINR) bits per second per hertz, α = 0.6, nothing below −10 dB and at most 4.4 (reached at 22 dB) —
/// over every resource block (180 kHz) of the server's carrier, as one handset scheduled alone would.
public struct ThroughputSettings: Sendable, Equatable {
    /// The rate below which a cell counts as too slow, Mbps.
    public var limitMbps: Double

    public init(limitMbps: Double = 5) {
        self.limitMbps = limitMbps
    }

    /// α: the share of the Shannon bound link adaptation reaches.
    public static let attenuation = 0.6
    /// The most the modulation and coding reach, bits per second per hertz.
    public static let peakBitsPerHertz = 4.4
    /// The SINR below which no transport block gets through, dB.
    public static let minimumSINRDB = -10.0
    /// The limits accepted, Mbps.
    public static let limitRange = 0.01...1_000

    /// Bits per second per hertz at `sinrDB`.
    public static func bitsPerHertz(sinrDB: Double) -> Double {
        guard sinrDB >= minimumSINRDB else { return 0 }
        return min(peakBitsPerHertz, attenuation * log2(1 + pow(10, sinrDB / 10)))
    }

    /// Mbps over `resourceBlocks` of 180 kHz at `sinrDB`.
    public static func megabitsPerSecond(sinrDB: Double, resourceBlocks: Int) -> Double {
        bitsPerHertz(sinrDB: sinrDB) * Double(resourceBlocks) * 0.18
    }
}

extension CarrierInterference {
    /// Each cell's downlink rate from its server, Mbps, at the data SINR under `settings`' load; NaN where no 4G site
    /// reaches or the server's bandwidth is unknown.
    func throughput(_ settings: SINRSettings, sites: [Site]) -> [Float] {
        zip(server, dataSINR(settings)).map { number, sinr in
            guard number > 0, !sinr.isNaN, let blocks = sites[Int(number) - 1].resourceBlocks else { return .nan }
            return Float(ThroughputSettings.megabitsPerSecond(sinrDB: Double(sinr), resourceBlocks: blocks))
        }
    }
}
