import Foundation
import Testing

@testable import Propagation

@Suite("Gaseous absorption: ITU-R P.676-13 Annex 1 and P.835-6's reference atmosphere")
struct GaseousAttenuationTests {
    let standard = AirConditions(temperatureK: 288.15, dryPressureHPa: 1_013.25, waterVapourDensity: 7.5)

    @Test("Specific attenuation matches ITU-R Study Group 3's validation examples for P.676-13 (1,013.25 hPa of dry air, 288.15 K, 7.5 g/m³) at 12, 20, 60, 90 and 130 GHz")
    func validationExamples() {
        // The SpAtt sheet of the Study Group's validation workbook (CG-3M3J-13-ValEx): f, γo and γw in dB/km.
        let examples: [(Double, Double, Double)] = [
            (12, 0.008698264068773570, 0.009535388220245930), (20, 0.011883550477807600, 0.097047304815111700),
            (60, 14.623474796486100, 0.154841841), (90, 0.038869711072423500, 0.341973394),
            (130, 0.041509083599522800, 0.751844704),
        ]
        for (f, oxygen, water) in examples {
            let gamma = GaseousAttenuation(frequencyGHz: f, air: standard)
            #expect(abs(gamma.oxygen / oxygen - 1) < 1e-8 && abs(gamma.waterVapour / water - 1) < 1e-8, "\(f) GHz: \(gamma)")
            #expect(gamma.total == gamma.oxygen + gamma.waterVapour)
        }
    }

    @Test("Dry air leaves water vapour nothing; water vapour absorbs most on its 22.235 GHz line and a little more than in proportion to its density")
    func waterVapourLine() {
        let dry = AirConditions(temperatureK: 288.15, dryPressureHPa: 1_013.25, waterVapourDensity: 0)
        #expect(GaseousAttenuation(frequencyGHz: 23, air: dry).waterVapour == 0)
        let water = { (f: Double) in GaseousAttenuation(frequencyGHz: f, air: standard).waterVapour }
        #expect(water(22.235) > water(20) && water(22.235) > water(25))
        let humid = AirConditions(temperatureK: 288.15, dryPressureHPa: 1_013.25, waterVapourDensity: 15)
        let ratio = GaseousAttenuation(frequencyGHz: 15, air: humid).waterVapour / water(15)
        #expect(ratio > 2 && ratio < 2.5, "twice the vapour, whose own pressure widens the line's wing too: \(ratio)")
        #expect(abs(standard.waterVapourPressureHPa - 9.97289) < 1e-5, "the validation sheet's e")
    }

    @Test("P.835-6's reference atmosphere: 288.15 K, 1,013.25 hPa and 7.5 g/m³ at sea level; at 11 km′ geopotential 216.65 K and the 226.3226 hPa its next layer starts from")
    func referenceAtmosphere() {
        #expect(ReferenceAtmosphere.temperatureK(altitude: 0) == 288.15)
        #expect(abs(ReferenceAtmosphere.pressureHPa(altitude: 0) - 1_013.25) < 1e-9)
        #expect(ReferenceAtmosphere.waterVapourDensity(altitude: 0) == 7.5)
        let tropopause = 11 * 6_356.766 / (6_356.766 - 11) * 1_000  // metres above sea level
        #expect(abs(ReferenceAtmosphere.temperatureK(altitude: tropopause) - 216.65) < 1e-9)
        // P.835 prints the base to seven figures, from its constants as rounded: within 10⁻⁵.
        #expect(abs(ReferenceAtmosphere.pressureHPa(altitude: tropopause) / 226.3226 - 1) < 1e-5)
        #expect(abs(ReferenceAtmosphere.waterVapourDensity(altitude: 2_000) - 7.5 / M_E) < 1e-12)
    }
}
