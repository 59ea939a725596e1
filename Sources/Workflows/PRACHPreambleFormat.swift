/// The random-access preamble format a 4G cell needs for its range (TS 36.211 Table 5.7.1-1, formats 0–3 of FDD): a
/// preamble's cyclic prefix and the guard time after it must both outlast the round trip to the cell's edge and the
/// channel's delay spread (5 µs, as the cyclic shift takes it). Of the formats that reach, the one of fewest subframes,
/// and of two alike the one repeating its sequence (3 dB more energy for the edge's handsets): format 0 (1 ms) to
/// 13.7 km, format 2 (2 ms, the sequence twice) to 28.7 km, format 1 (2 ms) to 76.5 km, format 3 (3 ms) to 101.8 km.
public enum PRACHPreambleFormat: Int, Sendable, CaseIterable {
    case format0 = 0, format1 = 1, format2 = 2, format3 = 3

    /// The cyclic prefix and the guard time, µs (the prefix in units of 1/30.72 MHz, the guard what the subframes leave).
    var cyclicPrefixMicroseconds: Double {
        switch self {
        case .format0: 3_168 / 30.72
        case .format1, .format3: 21_024 / 30.72
        case .format2: 6_240 / 30.72
        }
    }

    var guardMicroseconds: Double {
        let subframes: Double, sequences: Double
        switch self {
        case .format0: (subframes, sequences) = (1, 1)
        case .format1: (subframes, sequences) = (2, 1)
        case .format2: (subframes, sequences) = (2, 2)
        case .format3: (subframes, sequences) = (3, 2)
        }
        return subframes * 1_000 - cyclicPrefixMicroseconds - sequences * 800
    }

    /// The farthest a handset may be, km, to a tenth below.
    public var reachKm: Double {
        let delaySpreadMicroseconds = 5.0
        let roundTrip = min(cyclicPrefixMicroseconds, guardMicroseconds) - delaySpreadMicroseconds
        return (roundTrip * 299_792.458e-6 / 2 * 10).rounded(.down) / 10
    }

    /// The formats by preference: fewest subframes first, the repeated sequence first of two alike.
    static let preferred: [PRACHPreambleFormat] = [.format0, .format2, .format1, .format3]

    /// The preferred format reaching `rangeKm`; nil beyond every format's reach.
    public init?(rangeKm: Double) {
        guard let format = Self.preferred.first(where: { $0.reachKm >= rangeKm }) else { return nil }
        self = format
    }
}
