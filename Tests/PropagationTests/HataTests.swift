import Foundation
@testable import Propagation
import Testing

@Suite("Okumura-Hata and COST-231 Hata")
struct HataTests {
    /// Worked by hand: f = 900 MHz, hb = 30 m, hm = 1.5 m, d = 5 km.
    /// log f = 2.95424, log hb = 1.47712, log d = 0.69897.
    /// a(hm) = (1.1·2.95424 − 0.7)·1.5 − (1.56·2.95424 − 0.8) = 3.82450 − 3.80862 = 0.01588 dB.
    /// Urban = 69.55 + 26.16·2.95424 − 13.82·1.47712 − 0.01588 + (44.9 − 6.55·1.47712)·0.69897
    ///       = 69.55 + 77.28297 − 20.41381 − 0.01588 + 24.62112 = 151.02 dB.
    /// Suburban = urban − 2·(log(900/28))² − 5.4 = 151.02 − 4.54 − 5.4 = 141.08 dB.
    /// Open = urban − 4.78·2.95424² + 18.33·2.95424 − 40.94 = 151.02 − 41.72 + 54.15 − 40.94 = 122.52 dB.
    @Test("Hata urban, suburban and open against hand-computed values")
    func hata() throws {
        let link = EmpiricalLink(frequencyMHz: 900, baseHeight: 30, mobileHeight: 1.5, distance: 5_000)
        #expect(abs(try Hata.loss(link, environment: .urban).loss - 151.02) < 0.01)
        #expect(abs(try Hata.loss(link, environment: .suburban).loss - 141.08) < 0.01)
        #expect(abs(try Hata.loss(link, environment: .open).loss - 122.52) < 0.01)
    }

    /// Worked by hand: f = 1800 MHz, hb = 40 m, hm = 1.5 m, d = 3 km.
    /// a(hm) = (1.1·3.25527 − 0.7)·1.5 − (1.56·3.25527 − 0.8) = 4.32120 − 4.27822 = 0.04298 dB.
    /// L = 46.3 + 33.9·3.25527 − 13.82·1.60206 − 0.04298 + (44.9 − 6.55·1.60206)·0.47712
    ///   = 46.3 + 110.35370 − 22.14047 − 0.04298 + 16.41612 = 150.89 dB; metropolitan + 3 dB = 153.89 dB.
    @Test("COST-231 Hata, medium city and metropolitan, against hand-computed values")
    func cost231() throws {
        let link = EmpiricalLink(frequencyMHz: 1_800, baseHeight: 40, mobileHeight: 1.5, distance: 3_000)
        #expect(abs(try Cost231.loss(link, environment: .mediumCity).loss - 150.89) < 0.01)
        #expect(abs(try Cost231.loss(link, environment: .metropolitan).loss - 153.89) < 0.01)
    }

    /// The formulas evaluated whole, term after term, with the models' own decimal logarithm.
    func wholeHata(_ link: EmpiricalLink, _ environment: HataEnvironment) -> Double {
        let logF = decimalLog(link.frequencyMHz), logH = decimalLog(link.baseHeight)
        let mobile = (1.1 * logF - 0.7) * link.mobileHeight - (1.56 * logF - 0.8)
        let urban = 69.55 + 26.16 * logF - 13.82 * logH - mobile + (44.9 - 6.55 * logH) * decimalLog(link.distance / 1_000)
        return switch environment {
        case .urban: urban
        case .suburban: urban - 2 * pow(decimalLog(link.frequencyMHz / 28), 2) - 5.4
        case .open: urban - 4.78 * logF * logF + 18.33 * logF - 40.94
        }
    }

    func wholeCost231(_ link: EmpiricalLink, _ environment: Cost231Environment) -> Double {
        let logF = decimalLog(link.frequencyMHz), logH = decimalLog(link.baseHeight)
        let mobile = (1.1 * logF - 0.7) * link.mobileHeight - (1.56 * logF - 0.8)
        return 46.3 + 33.9 * logF - 13.82 * logH - mobile + (44.9 - 6.55 * logH) * decimalLog(link.distance / 1_000)
            + (environment == .metropolitan ? 3 : 0)
    }

    @Test("A curve prepared once per site gives every distance's loss bit for bit as the whole formula does")
    func preparedCurves() {
        for (frequency, base, mobile) in [(900.0, 30.0, 1.5), (450, 57.5, 3), (1_800, 42, 1.5), (2_100, 25, 10)] {
            for distance in stride(from: 30.0, through: 30_000, by: 29.7) {
                let link = EmpiricalLink(frequencyMHz: frequency, baseHeight: base, mobileHeight: mobile, distance: distance)
                let heightsOnly = EmpiricalLink(frequencyMHz: frequency, baseHeight: base, mobileHeight: mobile, distance: 0)
                for environment in HataEnvironment.allCases {
                    let prepared = EmpiricalCurve(hata: heightsOnly, environment: environment).loss(distance: distance)
                    #expect(prepared.bitPattern == wholeHata(link, environment).bitPattern, "hata \(environment) \(link)")
                }
                for environment in Cost231Environment.allCases {
                    let prepared = EmpiricalCurve(cost231: heightsOnly, environment: environment).loss(distance: distance)
                    #expect(prepared.bitPattern == wholeCost231(link, environment).bitPattern, "cost231 \(environment) \(link)")
                }
            }
        }
    }

    @Test("Outside the validity range: refused with the reason, or extrapolated with a warning")
    func validity() throws {
        let lte2100 = EmpiricalLink(frequencyMHz: 2_100, baseHeight: 30, mobileHeight: 1.5, distance: 5_000)
        let error = try #require(throws: ModelError.self) { try Hata.loss(lte2100, environment: .urban) }
        #expect(error.message.contains("frequency 2100 MHz is outside 150–1500 MHz"))
        let close = EmpiricalLink(frequencyMHz: 1_800, baseHeight: 20, mobileHeight: 1.5, distance: 500)
        let refused = try #require(throws: ModelError.self) { try Cost231.loss(close, environment: .mediumCity) }
        #expect(refused.message.contains("base-station height 20 m is outside 30–200 m"))
        #expect(refused.message.contains("distance 0.50 km is outside 1–20 km"))
        let allowed = try Cost231.loss(close, environment: .mediumCity, allowExtrapolation: true)
        #expect(allowed.warnings.count == 1 && allowed.warnings[0].hasSuffix("(extrapolated)"))
        #expect(allowed.loss.isFinite)
    }
}
