/// The cyclic shift of a 4G cell's random-access preambles, and the root sequences it takes: each cell offers 64
/// preambles, cyclic shifts of Zadoff-Chu sequences of 839 samples (preamble formats 0–3). A shift must outlast the
/// round trip to the cell's edge and the channel's delay spread, or a far handset's preamble is taken for another's:
/// N_CS ≥ (839 / 800 µs) × (2r / c + τ) + 2 samples, τ the 5 µs of 3GPP's Extended Typical Urban channel, the 2
/// samples the receiver filter's spread. The shift is the least of TS 36.211's Table 5.7.2-2 (the unrestricted set)
/// that long; a root sequence gives ⌊839 / N_CS⌋ preambles, so a cell takes ⌈64 / that⌉ root sequences in a row.
public struct PRACHCyclicShift: Sendable, Equatable {
    /// `zeroCorrelationZoneConfig`, 0–15.
    public let configuration: Int

    /// N_CS of each configuration, samples (0: no shift, one preamble per root sequence).
    public static let samples = [0, 13, 15, 18, 22, 26, 32, 38, 46, 59, 76, 93, 119, 167, 279, 419]
    /// The length of the preambles' Zadoff-Chu sequences, and the root sequences there are (logical indices 0–837).
    public static let sequenceLength = 839, rootSequences = 838
    /// The logical root sequence indices.
    public static let rootRange = 0...(rootSequences - 1)
    /// Preambles per cell.
    public static let preamblesPerCell = 64

    /// The shortest shift for cells reaching `radiusKm`; nil beyond the longest shift's reach (`longestReachKm`).
    public init?(radiusKm: Double) {
        guard radiusKm > 0, let found = Self.samples.indices.dropFirst().first(where: { Self.reachKm(samples: Self.samples[$0]) >= radiusKm })
        else { return nil }
        configuration = found
    }

    /// The shift of `zeroCorrelationZoneConfig` `configuration`, 1–15.
    init(configuration: Int) {
        precondition(Self.samples.indices.dropFirst().contains(configuration), "zeroCorrelationZoneConfig 1–15")
        self.configuration = configuration
    }

    /// The shortest shift (configuration 1), for cells serving no handset as far as the predictions go.
    public static let shortest = PRACHCyclicShift(configuration: 1)

    /// The farthest a handset may be for a shift of `samples`, km, to a tenth below.
    static func reachKm(samples: Int) -> Double {
        let samplesPerMicrosecond = Double(sequenceLength) / 800, delaySpreadMicroseconds = 5.0, filterSamples = 2.0
        let roundTripMicroseconds = (Double(samples) - filterSamples) / samplesPerMicrosecond - delaySpreadMicroseconds
        return (roundTripMicroseconds * 299_792.458e-6 / 2 * 10).rounded(.down) / 10
    }

    /// N_CS, samples.
    public var shiftSamples: Int { Self.samples[configuration] }

    /// The farthest a handset may be from the cell, km, to a tenth below.
    public var reachKm: Double { Self.reachKm(samples: shiftSamples) }

    /// The preambles one root sequence gives.
    public var preamblesPerRoot: Int { shiftSamples == 0 ? 1 : Self.sequenceLength / shiftSamples }

    /// The root sequences a cell takes.
    public var rootsPerCell: Int { (Self.preamblesPerCell + preamblesPerRoot - 1) / preamblesPerRoot }

    /// The longest shift's reach, km, to a tenth below.
    public static var longestReachKm: Double { reachKm(samples: samples.last!) }

    /// The first root sequences of the blocks (`rootsPerCell` long, from 0: 0, n, 2n…) that lie wholly within `roots`
    /// (logical indices).
    public func blocks(within roots: [Int]) -> [Int] {
        let allowed = Set(roots)
        return stride(from: 0, to: Self.rootSequences, by: rootsPerCell).filter { (($0)..<($0 + rootsPerCell)).allSatisfy(allowed.contains) }
    }
}
