import Foundation
import Propagation
import Testing

@Suite("Location variability of the models other than ITM")
struct LocationVariabilityTests {
    @Test("Okumura's σ passes through his 7.1, 7.5 and 8.1 dB at 1.5, 2 and 3 GHz; 6.44 dB at 900 MHz; 2 dB more in the open")
    func okumuraSigma() {
        for (frequency, sigma) in [(1_500.0, 7.1), (2_000, 7.5), (3_000, 8.1)] {
            #expect(abs(LocationVariability.okumuraUrbanSigmaDB(frequencyMHz: frequency) - sigma) < 1e-9, "\(frequency) MHz")
        }
        // NTIA's extended Hata writes the same quadratic as 4.0976291 − 1.2255656 log f + 0.68350345 (log f)².
        let x = log10(900.0)
        #expect(abs(LocationVariability.okumuraUrbanSigmaDB(frequencyMHz: 900) - (4.0976291 - 1.2255656 * x + 0.68350345 * x * x)) < 1e-6)
        #expect(abs(LocationVariability.okumuraOpenSigmaDB(frequencyMHz: 900) - LocationVariability.okumuraUrbanSigmaDB(frequencyMHz: 900) - 2) < 1e-12)
    }

    @Test("The margin is z(L) × σ: 1.2816 σ at 90 %, 1.6449 σ at 95 %, 0 at 50 %, −1.2816 σ at 10 %")
    func margin() {
        #expect(abs(LocationVariability.marginDB(percent: 90, sigma: 8) - 1.2816 * 8) < 0.005)
        #expect(abs(LocationVariability.marginDB(percent: 95, sigma: 8) - 1.6449 * 8) < 0.005)
        #expect(LocationVariability.marginDB(percent: 50, sigma: 8) == 0)
        #expect(abs(LocationVariability.marginDB(percent: 10, sigma: 8) + 1.2816 * 8) < 0.005)
    }

    @Test("Which σ each model takes: the one given, Okumura's for hata (by clutter) and cost231, none for ITM or without one")
    func sigmaPerModel() throws {
        var environment = RadioEnvironment()
        environment.itm.location = 90
        let urban = LocationVariability.okumuraUrbanSigmaDB(frequencyMHz: 900)
        #expect(PathLossModel.hata.locationSigmaDB(frequencyMHz: 900, environment: environment) == urban)
        #expect(PathLossModel.cost231.locationSigmaDB(frequencyMHz: 900, environment: environment) == urban)
        #expect(PathLossModel.itm.locationMarginDB(frequencyMHz: 900, environment: environment) == 0)
        #expect(PathLossModel.p526.locationSigmaDB(frequencyMHz: 900, environment: environment) == nil)
        environment.hata = .open
        #expect(PathLossModel.hata.locationSigmaDB(frequencyMHz: 900, environment: environment) == urban + 2)
        environment.locationSigmaDB = 5
        #expect(PathLossModel.hata.locationSigmaDB(frequencyMHz: 900, environment: environment) == 5)
        #expect(PathLossModel.p526.locationMarginDB(frequencyMHz: 900, environment: environment) == LocationVariability.marginDB(percent: 90, sigma: 5))
    }

    @Test("Refused: a σ for ITM, a percentage other than 50 without a σ for los, fspl and p526, percentages of 0 or 100, σ beyond 30 dB, time and situation other than 50 for the models other than ITM")
    func refusals() throws {
        func fault(_ model: PathLossModel, location: Double, sigma: Double?) -> String? {
            var environment = RadioEnvironment()
            environment.itm.location = location
            environment.locationSigmaDB = sigma
            do {
                try model.validateVariability(environment: environment)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(fault(.itm, location: 90, sigma: 8)?.hasPrefix("itm: it has its own location variability") == true)
        #expect(fault(.itmArea, location: 50, sigma: 8) != nil)
        for model in [PathLossModel.los, .fspl, .p526] {
            #expect(fault(model, location: 90, sigma: nil)?.contains("--location 90.0 needs --location-sigma-db") == true, "\(model)")
            #expect(fault(model, location: 50, sigma: nil) == nil && fault(model, location: 90, sigma: 8) == nil)
        }
        #expect(fault(.hata, location: 90, sigma: nil) == nil && fault(.cost231, location: 95, sigma: nil) == nil)
        #expect(fault(.hata, location: 100, sigma: nil) == "hata: location percentage 100.0 must be strictly between 0 and 100")
        #expect(fault(.fspl, location: 0, sigma: 8) != nil)
        #expect(fault(.hata, location: 90, sigma: 31) == "hata: location σ 31.0 dB is outside 0–30 dB")
        var timed = RadioEnvironment()
        timed.itm.time = 90
        #expect(throws: ModelError.self) { try PathLossModel.hata.validateVariability(environment: timed) }
        #expect(throws: Never.self) { try PathLossModel.itm.validateVariability(environment: timed) }
        timed.itm.time = 50
        timed.itm.situation = 10
        #expect(throws: ModelError.self) { try PathLossModel.fspl.validateVariability(environment: timed) }
    }
}
