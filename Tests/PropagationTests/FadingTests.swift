import Foundation
import Testing

@testable import Propagation

@Suite("Microwave hop fading: ITU-R P.838-3 rain coefficients, P.530-17 rain and multipath")
struct FadingTests {
    @Test("k and α match P.838-3's own table at 7, 10, 20 and 30 GHz, both polarisations, to its four significant figures")
    func rainCoefficients() {
        // P.838-3, the table of coefficients at chosen frequencies: f, kH, αH, kV, αV.
        let table: [(Double, Double, Double, Double, Double)] = [
            (7, 0.001915, 1.4810, 0.001425, 1.4745), (10, 0.01217, 1.2571, 0.01129, 1.2156),
            (20, 0.09164, 1.0568, 0.09611, 0.9847), (30, 0.2403, 0.9485, 0.2291, 0.9129),
        ]
        for (f, kH, alphaH, kV, alphaV) in table {
            let h = RainSpecificAttenuation(frequencyGHz: f, polarization: .horizontal)
            let v = RainSpecificAttenuation(frequencyGHz: f, polarization: .vertical)
            #expect(abs(h.k / kH - 1) < 5e-4 && abs(h.alpha - alphaH) < 6e-5, "\(f) GHz horizontal: \(h)")
            #expect(abs(v.k / kV - 1) < 5e-4 && abs(v.alpha - alphaV) < 6e-5, "\(f) GHz vertical: \(v)")
        }
        // A vertical path sees no difference between the polarisations: both take the mean of kH and kV [Eqn 4].
        let steep = RainSpecificAttenuation(frequencyGHz: 15, polarization: .vertical, inclination: .pi / 2)
        let (h, v) = (RainSpecificAttenuation(frequencyGHz: 15, polarization: .horizontal), RainSpecificAttenuation(frequencyGHz: 15, polarization: .vertical))
        #expect(abs(steep.k - (h.k + v.k) / 2) < 1e-15)
        #expect(abs(RainSpecificAttenuation(frequencyGHz: 10, polarization: .horizontal).attenuation(rainRate: 100) - 0.01217 * pow(100, 1.2571)) < 0.002)
    }

    @Test("The rain fade's percentage of the year inverts its attenuation over 0.001–1 %, climbs to 100 % for margins under the 1 % fade, and is 0 beyond the law's peak")
    func rainFadeInverse() {
        for f in [7.0, 15, 23, 38] {
            let coefficients = RainSpecificAttenuation(frequencyGHz: f, polarization: .horizontal)
            let fade = RainFade(lengthKm: 12, frequencyGHz: f, rainRate001: 90, coefficients: coefficients)
            for p in [0.001, 0.003, 0.01, 0.05, 0.3, 1] {
                let attenuation = fade.attenuation(exceededFor: p)
                #expect(abs(fade.percentExceeding(attenuation) / p - 1) < 1e-9, "\(f) GHz at \(p) %")
            }
            // The law falls with p all the way: more margin, less outage.
            let margins = stride(from: 1.0, through: 60, by: 1).map { fade.percentExceeding($0) }
            #expect(zip(margins, margins.dropFirst()).allSatisfy { $0 >= $1 })
            #expect(fade.percentExceeding(0) == 100 && fade.percentExceeding(10 * fade.attenuation(exceededFor: 1e-6)) == 0)
        }
        // P.530-17's effective path length, worked by hand: 20 km at 23 GHz, 90 mm/h, horizontal.
        let coefficients = RainSpecificAttenuation(frequencyGHz: 23, polarization: .horizontal)
        let r = 1 / (0.477 * pow(20, 0.633) * pow(90, 0.073 * coefficients.alpha) * pow(23, 0.123) - 10.579 * (1 - exp(-0.024 * 20)))
        let fade = RainFade(lengthKm: 20, frequencyGHz: 23, rainRate001: 90, coefficients: coefficients)
        #expect(abs(fade.attenuation001 - coefficients.k * pow(90, coefficients.alpha) * 20 * r) < 1e-9 && r < 1)
    }

    @Test("Multipath: the shallow-fading interpolation meets the deep-fading law p₀10^(−A/10) at the transition depth, which then falls ten times per 10 dB; ΔG takes the sign of the latitude band and stops at 10.8 dB")
    func multipath() {
        let fading = MultipathFading(
            lengthKm: 30, frequencyGHz: 7, altitudes: (400, 650), refractivityGradient: -400, terrainRoughness: 150, latitude: 22.7
        )
        // p₀ and ΔG by hand [Eqns 4, 5, 7, 23].
        let inclination = 250.0 / 30
        let k = pow(10, -4.4 - 0.0027 * -400) * pow(160, -0.46)
        #expect(abs(fading.occurrenceFactor / (k * pow(30, 3.4) * pow(1 + inclination, -1.03) * pow(7, 0.8) * pow(10, -0.00076 * 400)) - 1) < 1e-12)
        let conversion = 10.5 - 5.6 * log10(1.1 + pow(abs(cos(2 * 22.7 * Double.pi / 180)), 0.7)) - 2.7 * log10(30) + 1.7 * log10(1 + inclination)
        #expect(abs(fading.conversionDB - conversion) < 1e-12)
        let transition = 25 + 1.2 * log10(fading.occurrenceFactor)
        let deep = fading.occurrenceFactor * pow(10, -transition / 10)
        #expect(abs(fading.worstMonthPercent(exceeding: transition - 1e-9) / deep - 1) < 1e-6)
        #expect(abs(fading.worstMonthPercent(exceeding: transition + 10) / (deep / 10) - 1) < 1e-12)
        // Shallower fades are more frequent, and every fade depth has some share of the month.
        let shallow = stride(from: 0.0, through: transition, by: 0.5).map { fading.worstMonthPercent(exceeding: $0) }
        #expect(zip(shallow, shallow.dropFirst()).allSatisfy { $0 > $1 } && shallow[0] <= 100)
        #expect(abs(fading.annualPercent(exceeding: 40) - pow(10, -conversion / 10) * fading.worstMonthPercent(exceeding: 40)) < 1e-18)
        // North of 45° the cosine term changes sign; a short, steep hop's ΔG is held at 10.8 dB.
        let north = MultipathFading(lengthKm: 30, frequencyGHz: 7, altitudes: (400, 400), refractivityGradient: -200, terrainRoughness: 50, latitude: 60)
        #expect(abs(north.conversionDB - (10.5 - 5.6 * log10(1.1 - pow(abs(cos(120 * Double.pi / 180)), 0.7)) - 2.7 * log10(30))) < 1e-12)
        #expect(MultipathFading(lengthKm: 2, frequencyGHz: 7, altitudes: (0, 100), refractivityGradient: -200, terrainRoughness: 50, latitude: 45).conversionDB == 10.8)
    }

    @Test("A hop's availability is 100 % less its rain and multipath outages; a hop that does not close has none")
    func availability() throws {
        let hop = FadingHop(lengthKm: 25, frequencyGHz: 15, polarization: .vertical, altitudes: (300, 500), latitude: 22.7, terrainRoughness: 120)
        let climate = FadingClimate(rainRate001: 100, refractivityGradient: -450)
        let report = HopAvailability(margin: 35, hop: hop, climate: climate)
        let rain = try #require(report.rainOutagePercent), multipath = try #require(report.multipathOutagePercent)
        #expect(rain > 0 && multipath > 0 && abs(report.availabilityPercent - (100 - rain - multipath)) < 1e-12)
        // More margin, more availability; less rain, less rain outage.
        #expect(HopAvailability(margin: 45, hop: hop, climate: climate).availabilityPercent > report.availabilityPercent)
        let drier = HopAvailability(margin: 35, hop: hop, climate: FadingClimate(rainRate001: 40, refractivityGradient: -450))
        #expect((drier.rainOutagePercent ?? 1) < rain && drier.rainFade001DB < report.rainFade001DB)
        let failing = HopAvailability(margin: -3, hop: hop, climate: climate)
        #expect(failing.availabilityPercent == 0 && failing.rainOutagePercent == nil && failing.rainFade001DB == report.rainFade001DB)
    }
}
