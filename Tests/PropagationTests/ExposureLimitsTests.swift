import Propagation
import Testing

@Suite("Exposure limits")
struct ExposureLimitsTests {
    @Test("Vietnam's QCVN 8:2022 holds every base-station band to 2 W/m² (27.5 V/m in free space) and covers 110 MHz–6 GHz only")
    func vietnam() {
        for frequency in [110.0, 450, 900, 1_800, 2_100, 2_600, 3_000, 3_500, 4_900, 6_000] {
            #expect(ExposureLimits.vietnam.powerDensityLimit(frequencyMHz: frequency) == 2)
        }
        // E = √(S · 376.73 Ω): the regulation's 27.5 V/m is its 2 W/m² to 0.2 % (a pair rounded as ICNIRP's at 400 MHz).
        #expect(abs((2 * 376.73).squareRoot() / 27.5 - 1) < 0.002)
        #expect(ExposureLimits.vietnam.powerDensityLimit(frequencyMHz: 100) == nil)
        #expect(ExposureLimits.vietnam.powerDensityLimit(frequencyMHz: 6_425) == nil, "the upper 6 GHz band lies beyond it")
    }

    @Test("ICNIRP's public levels: 2 W/m² below 400 MHz, f/200 to 2 GHz, 10 above; workers' five times as much; none outside 10 MHz–300 GHz")
    func icnirp() {
        let cases: [(Double, Double)] = [(100, 2), (400, 2), (900, 4.5), (1_800, 9), (1_999, 9.995), (2_100, 10), (3_500, 10), (28_000, 10)]
        for (frequency, level) in cases {
            #expect(abs(ExposureLimits.icnirpPublic.powerDensityLimit(frequencyMHz: frequency)! - level) < 1e-12)
            #expect(abs(ExposureLimits.icnirpOccupational.powerDensityLimit(frequencyMHz: frequency)! - 5 * level) < 1e-12)
        }
        for frequency in [5.0, 400_000] {
            #expect(ExposureLimits.icnirpPublic.powerDensityLimit(frequencyMHz: frequency) == nil)
            #expect(ExposureLimits.icnirpOccupational.powerDensityLimit(frequencyMHz: frequency) == nil)
        }
    }
}
