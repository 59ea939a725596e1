import Foundation

/// How received power varies from place to place around a model's median (shadowing by buildings, trees and terrain
/// too small for the profile): log-normal, with a standard deviation σ in dB. ITM computes its own location
/// variability; every other model predicts the median over locations, and coverage at `location` percent of
/// locations takes a margin of z(location) × σ off the median power.
public enum LocationVariability {
    /// Okumura's measured σ in urban areas — 7.1 dB at 1,500 MHz, 7.5 at 2,000 and 8.1 at 3,000 — joined by the
    /// quadratic in log10 f through them, as NTIA's extended Hata model does (6.4 dB at 900 MHz, 4.7 at 150).
    public static func okumuraUrbanSigmaDB(frequencyMHz: Double) -> Double {
        let x = log10(frequencyMHz)
        let measured: [(x: Double, sigma: Double)] = [(log10(1_500), 7.1), (log10(2_000), 7.5), (log10(3_000), 8.1)]
        return measured.indices.reduce(0) { sum, i in
            let weight = measured.indices.filter { $0 != i }.reduce(1.0) { $0 * (x - measured[$1].x) / (measured[i].x - measured[$1].x) }
            return sum + weight * measured[i].sigma
        }
    }

    /// Okumura's σ in suburban and open areas: 2 dB more than in urban ones (NTIA's extended Hata model).
    public static func okumuraOpenSigmaDB(frequencyMHz: Double) -> Double {
        okumuraUrbanSigmaDB(frequencyMHz: frequencyMHz) + 2
    }

    /// The σ of the sum of independent log-normal spreads `sigma` and `other` (none: `sigma`).
    public static func joined(_ sigma: Double, _ other: Double?) -> Double {
        guard let other else { return sigma }
        return (sigma * sigma + other * other).squareRoot()
    }

    /// The dB by which the loss not exceeded at `percent` of locations lies above the median, for a spread of
    /// `sigma` dB: 1.28 σ at 90 %, 1.64 σ at 95 %, negative under 50 %.
    public static func marginDB(percent: Double, sigma: Double) -> Double {
        percent == 50 ? 0 : standardNormalDeviate(1 - percent / 100) * sigma
    }
}

extension PathLossModel {
    /// The σ (dB) of location variability this model's median loss is taken with in `environment` at
    /// `frequencyMHz`: the one given, else Okumura's for Hata (by clutter class) and COST-231 (urban); nil for ITM and
    /// the 3GPP scenarios, which take their own with the loss (by line of sight, and for `rma` distance:
    /// `ScenarioModel`), and for models without a default (`los`, `fspl`, `p526`).
    public func locationSigmaDB(frequencyMHz: Double, environment: RadioEnvironment) -> Double? {
        guard !isITM else { return nil }
        if let given = environment.locationSigmaDB { return given }
        guard hasOkumuraSigma else { return nil }
        return self == .hata && environment.hata != .urban
            ? LocationVariability.okumuraOpenSigmaDB(frequencyMHz: frequencyMHz)
            : LocationVariability.okumuraUrbanSigmaDB(frequencyMHz: frequencyMHz)
    }

    /// The dB added to this model's loss for the location percentage of `environment` (ITM: 0, its variability is in
    /// its loss, building penetration's spread with it through `ITMEnvironment.indoorSigmaDB`), with `indoorSigmaDB`,
    /// the spread of building penetration from building to building, joined to the model's σ as independent
    /// log-normal spreads are: √(σ² + σ_indoor²). `validate` has refused the settings this
    /// cannot serve.
    public func locationMarginDB(frequencyMHz: Double, environment: RadioEnvironment, indoorSigmaDB: Double? = nil) -> Double {
        guard let sigma = locationSigmaDB(frequencyMHz: frequencyMHz, environment: environment) else { return 0 }
        return LocationVariability.marginDB(percent: environment.itm.location, sigma: LocationVariability.joined(sigma, indoorSigmaDB))
    }

    /// Whether the model has a σ of its own when none is given: Okumura's for Hata and COST-231.
    private var hasOkumuraSigma: Bool { self == .hata || self == .cost231 }

    /// Whether the model has a spread over locations when no σ is given: Okumura's, or a 3GPP scenario's.
    private var hasOwnLocationSpread: Bool { hasOkumuraSigma || isScenario }

    /// Refuses a σ given to ITM, a σ that is no spread, time and situation percentages other than 50 for the models
    /// other than ITM (which have none), a location percentage outside (0, 100), and one other than 50 for a model
    /// without a σ.
    public func validateVariability(environment: RadioEnvironment) throws(ModelError) {
        let location = environment.itm.location
        if let sigma = environment.locationSigmaDB, !(0...30).contains(sigma) {
            throw ModelError("\(rawValue): location σ \(sigma) dB is outside 0–30 dB")
        }
        if environment.sightProbability, !isScenario {
            throw ModelError("\(rawValue): --los-probability (los_probability) is for 3GPP's scenarios, rma, uma and umi")
        }
        if isITM, environment.locationSigmaDB != nil {
            throw ModelError("\(rawValue): it has its own location variability; --location-sigma-db (location_sigma_db) is for the other models")
        }
        if !isITM, environment.itm.time != 50 || environment.itm.situation != 50 {
            throw ModelError(
                "\(rawValue): --time and --situation are ITM's variabilities; \(rawValue) predicts the median over time and situations "
                    + "(--location and --location-sigma-db give its spread over locations)"
            )
        }
        if !isITM, !(location > 0 && location < 100) {
            throw ModelError("\(rawValue): location percentage \(location) must be strictly between 0 and 100")
        }
        if !isITM, location != 50, environment.locationSigmaDB == nil, !hasOwnLocationSpread {
            let okumura = [900.0, 1_800, 2_100].map { LocationVariability.okumuraUrbanSigmaDB(frequencyMHz: $0) }
            throw ModelError(
                "\(rawValue): it predicts the median over locations and has no spread of its own: --location \(location) needs "
                    + "--location-sigma-db (location_sigma_db; Okumura's urban σ is "
                    + String(format: "%.1f dB at 900 MHz, %.1f at 1800, %.1f at 2100)", okumura[0], okumura[1], okumura[2])
            )
        }
    }
}
