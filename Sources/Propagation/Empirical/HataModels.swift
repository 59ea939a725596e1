import Foundation

/// A link for the empirical (Okumura-Hata family) models: frequency, base-station and mobile antenna heights
/// above ground, and the horizontal distance.
public struct EmpiricalLink: Sendable, Equatable {
    public var frequencyMHz: Double
    public var baseHeight: Double
    public var mobileHeight: Double
    public var distance: Double

    public init(frequencyMHz: Double, baseHeight: Double, mobileHeight: Double, distance: Double) {
        self.frequencyMHz = frequencyMHz
        self.baseHeight = baseHeight
        self.mobileHeight = mobileHeight
        self.distance = distance
    }
}

/// Okumura-Hata environments.
public enum HataEnvironment: String, Sendable, CaseIterable {
    /// Small or medium city (mobile-height correction for medium cities).
    case urban
    case suburban
    /// Open, rural area.
    case open
}

/// COST-231 Hata environments.
public enum Cost231Environment: String, Sendable, CaseIterable {
    /// Medium city and suburban centres with moderate tree density (C = 0 dB).
    case mediumCity = "medium-city"
    /// Metropolitan centres (C = 3 dB).
    case metropolitan
}

/// The validity range of an empirical model, checked before it is used (the Okumura-Hata family's by default).
struct EmpiricalRange {
    /// A setting checked besides the link's, by name.
    struct Quantity {
        let name: String
        let value: Double
        let range: ClosedRange<Double>
        let unit: String
    }

    let model: String
    let frequency: ClosedRange<Double>
    var baseHeight: ClosedRange<Double> = 30...200
    var mobileHeight: ClosedRange<Double> = 1...10
    var distanceKm: ClosedRange<Double> = 1...20
    let alternative: String

    /// Throws for a link (or one of `others`) outside the range, or returns warnings when extrapolation is allowed.
    func check(_ link: EmpiricalLink, besides others: [Quantity] = [], allowExtrapolation: Bool) throws(ModelError) -> [String] {
        let quantities = [
            Quantity(name: "frequency", value: link.frequencyMHz, range: frequency, unit: "MHz"),
            Quantity(name: "base-station height", value: link.baseHeight, range: baseHeight, unit: "m"),
            Quantity(name: "mobile height", value: link.mobileHeight, range: mobileHeight, unit: "m"),
            Quantity(name: "distance", value: link.distance / 1_000, range: distanceKm, unit: "km"),
        ] + others
        let problems = quantities.filter { !$0.range.contains($0.value) }.map { q in
            let bounds = q.range.lowerBound == q.range.upperBound
                ? "is not the model's \(format(q.range.lowerBound)) \(q.unit)"
                : "is outside \(format(q.range.lowerBound))–\(format(q.range.upperBound)) \(q.unit)"
            return "\(q.name) \(format(q.value)) \(q.unit) " + bounds
        }
        guard !problems.isEmpty else { return [] }
        let summary = "\(model): " + problems.joined(separator: "; ")
        if allowExtrapolation { return [summary + " (extrapolated)"] }
        throw ModelError(summary + "; \(alternative)or allow extrapolation")
    }

    /// Whole numbers as integers, others to two decimals; values too large for either (or not finite) in short form.
    private func format(_ value: Double) -> String {
        if let whole = Int(exactly: value) { return String(whole) }
        return abs(value) < 1e9 ? String(format: "%.2f", value) : String(format: "%g", value)
    }
}

/// Okumura-Hata median path loss (Hata 1980), valid for 150–1500 MHz, base 30–200 m, mobile 1–10 m, 1–20 km.
public enum Hata {
    static let range = EmpiricalRange(model: "hata", frequency: 150...1_500, alternative: "use cost231 above 1500 MHz, ")

    /// Median loss in dB and any extrapolation warnings.
    public static func loss(
        _ link: EmpiricalLink, environment: HataEnvironment, allowExtrapolation: Bool = false
    ) throws(ModelError) -> (loss: Double, warnings: [String]) {
        let warnings = try range.check(link, allowExtrapolation: allowExtrapolation)
        return (medianLoss(link, environment: environment), warnings)
    }

    /// The Okumura-Hata formula itself, without the range check (for links already validated).
    public static func medianLoss(_ link: EmpiricalLink, environment: HataEnvironment) -> Double {
        EmpiricalCurve(hata: link, environment: environment).loss(distance: link.distance)
    }

    /// Mobile antenna height correction a(hm) for small and medium cities, dB.
    static func mobileCorrection(_ link: EmpiricalLink) -> Double {
        let logF = decimalLog(link.frequencyMHz)
        return (1.1 * logF - 0.7) * link.mobileHeight - (1.56 * logF - 0.8)
    }
}

/// COST-231 Hata median path loss, valid for 1500–2000 MHz, base 30–200 m, mobile 1–10 m, 1–20 km.
public enum Cost231 {
    static let range = EmpiricalRange(model: "cost231", frequency: 1_500...2_000, alternative: "use hata below 1500 MHz, ")

    public static func loss(
        _ link: EmpiricalLink, environment: Cost231Environment, allowExtrapolation: Bool = false
    ) throws(ModelError) -> (loss: Double, warnings: [String]) {
        let warnings = try range.check(link, allowExtrapolation: allowExtrapolation)
        return (medianLoss(link, environment: environment), warnings)
    }

    /// The COST-231 Hata formula itself, without the range check (for links already validated).
    public static func medianLoss(_ link: EmpiricalLink, environment: Cost231Environment) -> Double {
        EmpiricalCurve(cost231: link, environment: environment).loss(distance: link.distance)
    }
}

/// An Okumura-Hata or COST-231 formula for one frequency and pair of antenna heights: every term but the distance's
/// worked out once, so that a footprint's cells cost one logarithm each. The terms are added in the formulas' own
/// order, so a loss comes out the same to the last bit as when the whole formula is evaluated.
public struct EmpiricalCurve: Sendable {
    /// The terms before the distance's, dB.
    let constant: Double
    /// dB per decade of distance (km).
    let slope: Double
    let environment: Adjustment

    /// The environment's terms after the distance's.
    enum Adjustment {
        /// Nothing (Hata urban).
        case none
        /// − first − 5.4 (Hata suburban).
        case suburban(Double)
        /// − first + second − 40.94 (Hata open).
        case open(Double, Double)
        /// + C (COST-231).
        case correction(Double)
    }

    /// Okumura-Hata for `link`'s frequency and heights (its distance is not read).
    public init(hata link: EmpiricalLink, environment: HataEnvironment) {
        let logF = decimalLog(link.frequencyMHz)
        constant = 69.55 + 26.16 * logF - 13.82 * decimalLog(link.baseHeight) - Hata.mobileCorrection(link)
        slope = 44.9 - 6.55 * decimalLog(link.baseHeight)
        self.environment = switch environment {
        case .urban: .none
        case .suburban: .suburban(2 * pow(decimalLog(link.frequencyMHz / 28), 2))
        case .open: .open(4.78 * logF * logF, 18.33 * logF)
        }
    }

    /// COST-231 Hata for `link`'s frequency and heights (its distance is not read).
    public init(cost231 link: EmpiricalLink, environment: Cost231Environment) {
        constant = 46.3 + 33.9 * decimalLog(link.frequencyMHz) - 13.82 * decimalLog(link.baseHeight) - Hata.mobileCorrection(link)
        slope = 44.9 - 6.55 * decimalLog(link.baseHeight)
        self.environment = .correction(environment == .metropolitan ? 3.0 : 0)
    }

    /// Median loss (dB) at `distance` metres.
    public func loss(distance: Double) -> Double {
        let urban = constant + slope * decimalLog(distance / 1_000)
        return switch environment {
        case .none: urban
        case .suburban(let term): urban - term - 5.4
        case .open(let square, let linear): urban - square + linear - 40.94
        case .correction(let correction): urban + correction
        }
    }
}
