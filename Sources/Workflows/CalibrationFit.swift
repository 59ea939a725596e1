import Foundation
import Propagation

/// A model correction fitted by least squares to one technology's drive-test errors — measured less the model's own
/// prediction — against log₁₀ of the distance from each point's site, and what it leaves.
public struct FittedCorrection: Sendable, Codable, Equatable {
    public let correction: ModelCorrection
    /// The compared points (or cells, averaged per cell) behind it.
    public let points: Int
    /// Whether the slope was fitted: only when the points' distances span a factor of two or more; otherwise the
    /// correction is the mean alone.
    public let slopeFitted: Bool
    /// The root mean square of the errors before, and of what the correction leaves, dB.
    public let rmsBeforeDB: Double
    public let rmsAfterDB: Double
    /// Half the width of the 95 % confidence interval of the offset (the correction at 1 km, or the mean without a
    /// slope), dB, and of the slope, dB per decade (nil without one): Student's t times the least-squares standard
    /// error, the points' errors taken as independent — points a few tens of metres apart share their shadowing, so
    /// these understate the uncertainty of a drive test's raw points. Nil in files written before they were given.
    public let offsetCI95DB: Double?
    public let slopeCI95DBPerDecade: Double?

    /// The fewest points a technology's correction is fitted to.
    public static let fewestPoints = 10
    /// The nearest distance a point counts at, km: nearer, the logarithm would let one point steer the slope.
    static let nearestKm = 0.01

    /// The fit to `errors` (dB) of points `distances` (km) from their sites; nil for fewer than `fewestPoints`.
    init?(technology: Technology, distances: [Double], errors: [Double]) {
        guard errors.count >= Self.fewestPoints else { return nil }
        let near = max(distances.min()!, Self.nearestKm), far = max(distances.max()!, near)
        let x = distances.map { log10(max($0, Self.nearestKm)) }, count = Double(errors.count)
        let meanX = x.reduce(0, +) / count, meanError = errors.reduce(0, +) / count
        let spread = zip(x, errors).reduce(into: (xx: 0.0, xy: 0.0)) { sums, pair in
            sums.xx += (pair.0 - meanX) * (pair.0 - meanX)
            sums.xy += (pair.0 - meanX) * (pair.1 - meanError)
        }
        slopeFitted = far >= 2 * near && spread.xx > 0
        let slope = slopeFitted ? spread.xy / spread.xx : 0
        let fitted = ModelCorrection(
            technology: technology, offsetDB: meanError - slope * meanX, slopeDBPerDecade: slope, fromKm: near, toKm: far
        )
        correction = fitted
        points = errors.count
        rmsBeforeDB = (errors.reduce(0) { $0 + $1 * $1 } / count).squareRoot()
        let left = zip(distances, errors).map { $1 - fitted.decibels(atDistance: $0 * 1_000) }
        rmsAfterDB = (left.reduce(0) { $0 + $1 * $1 } / count).squareRoot()
        // The residuals about the straight line fitted (before the ends clamp it), over its degrees of freedom.
        let line = zip(x, errors).map { $1 - (meanError + slope * ($0 - meanX)) }
        let freedom = errors.count - (slopeFitted ? 2 : 1)
        let sigma = (line.reduce(0) { $0 + $1 * $1 } / Double(freedom)).squareRoot(), t = StudentT.percentile975(degreesOfFreedom: freedom)
        offsetCI95DB = t * sigma * (1 / count + (slopeFitted ? meanX * meanX / spread.xx : 0)).squareRoot()
        slopeCI95DBPerDecade = slopeFitted ? t * sigma / spread.xx.squareRoot() : nil
    }

    /// Whether a calibration file may hold it: its offset and slope within ±40 dB (`ModelCorrection.largestDB`).
    public var isWithinLimits: Bool {
        abs(correction.offsetDB) <= ModelCorrection.largestDB && abs(correction.slopeDBPerDecade) <= ModelCorrection.largestDB
    }

    enum CodingKeys: String, CodingKey {
        case points
        case slopeFitted = "slope_fitted"
        case rmsBeforeDB = "rms_before_db"
        case rmsAfterDB = "rms_after_db"
        case offsetCI95DB = "offset_ci95_db"
        case slopeCI95DBPerDecade = "slope_ci95_db_per_decade"
    }

    public init(from decoder: any Decoder) throws {
        correction = try ModelCorrection(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        points = try container.decode(Int.self, forKey: .points)
        slopeFitted = try container.decode(Bool.self, forKey: .slopeFitted)
        rmsBeforeDB = try container.decode(Double.self, forKey: .rmsBeforeDB)
        rmsAfterDB = try container.decode(Double.self, forKey: .rmsAfterDB)
        offsetCI95DB = try container.decodeIfPresent(Double.self, forKey: .offsetCI95DB)
        slopeCI95DBPerDecade = try container.decodeIfPresent(Double.self, forKey: .slopeCI95DBPerDecade)
    }

    public func encode(to encoder: any Encoder) throws {
        try correction.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(points, forKey: .points)
        try container.encode(slopeFitted, forKey: .slopeFitted)
        try container.encode(rmsBeforeDB, forKey: .rmsBeforeDB)
        try container.encode(rmsAfterDB, forKey: .rmsAfterDB)
        try container.encodeIfPresent(offsetCI95DB, forKey: .offsetCI95DB)
        try container.encodeIfPresent(slopeCI95DBPerDecade, forKey: .slopeCI95DBPerDecade)
    }
}

/// The model corrections a drive test fits, one per technology of the sites its points name, against the model
/// alone: where the run had a calibration applied, it is taken off the predictions first, so the fits replace it.
public struct DriveTestCalibration: Sendable, Codable, Equatable {
    /// The run's model, which the corrections are for.
    public let model: String
    /// The calibration file the run had applied, if any.
    public let replaces: String?
    public let fits: [FittedCorrection]
    /// Technologies whose sites have compared points, but fewer than ten.
    public let tooFewPoints: [String]
    /// In a run with clutter: per land-cover class, what the corrections written leave of the errors against the
    /// model alone. `clutter_losses_calibrated.csv` takes these means off the class losses, so that a next run with
    /// both files meets the points without bias; the run's own errors per class would count the model's bias twice.
    public let byClutterClass: [DriveTestReport.ClutterClassErrors]?

    /// The fits to `outcomes` (each with its site and distance) of `run`'s sites; nil when none has a distance
    /// (no site field) or the run's model is unknown.
    init?(_ outcomes: [PointOutcome], run: RunPredictions) {
        guard let model = run.model else { return nil }
        /// A compared outcome's site technology, distance (m) and the run's own correction there (dB, 0 without).
        func placed(_ outcome: PointOutcome) -> (technology: Technology, distance: Double, applied: Double)? {
            guard outcome.difference != nil, let distance = outcome.distance, let technology = outcome.site.flatMap({ run.sites[$0] })?.technology
            else { return nil }
            return (technology, distance, run.calibration?.correction(for: technology)?.decibels(atDistance: distance) ?? 0)
        }
        let placements = outcomes.map(placed)
        var byTechnology: [Technology: (distances: [Double], errors: [Double])] = [:]
        for (outcome, placement) in zip(outcomes, placements) {
            guard let (technology, distance, applied) = placement, let difference = outcome.difference else { continue }
            byTechnology[technology, default: ([], [])].distances.append(distance / 1_000)
            byTechnology[technology, default: ([], [])].errors.append(difference + applied)
        }
        guard !byTechnology.isEmpty else { return nil }
        self.model = model
        replaces = run.calibration?.path
        let technologies = Technology.allCases.filter { byTechnology[$0] != nil }
        fits = technologies.compactMap { technology in
            FittedCorrection(technology: technology, distances: byTechnology[technology]!.distances, errors: byTechnology[technology]!.errors)
        }
        tooFewPoints = technologies.filter { byTechnology[$0]!.errors.count < FittedCorrection.fewestPoints }.map(\.rawValue)
        let written = fits.filter(\.isWithinLimits).map(\.correction)
        byClutterClass = run.hasClutter ? DriveTestReport.ClutterClassErrors.classes(zip(outcomes, placements).map { outcome, placement in
            guard let (technology, distance, applied) = placement else { return outcome }
            let fitted = written.first { $0.technology == technology }?.decibels(atDistance: distance) ?? 0
            return outcome.raisingMeasured(by: applied - fitted)
        }) : nil
    }

    /// `calibration.csv`: the fits within ±40 dB, a row per technology, for a run's `--calibration`.
    var csv: String {
        let rows = fits.filter(\.isWithinLimits).map { fit in
            let c = fit.correction
            return "\(model),\(c.technologyName)," + String(
                format: "%.2f,%.2f,%.3f,%.3f,%d,%.2f,%.2f", c.offsetDB, c.slopeDBPerDecade, c.fromKm, c.toKm, fit.points, fit.rmsBeforeDB, fit.rmsAfterDB
            )
        }
        return (["model,technology,offset_db,slope_db_per_decade,from_km,to_km,points,rms_before_db,rms_after_db"] + rows).joined(separator: "\n") + "\n"
    }

    enum CodingKeys: String, CodingKey {
        case model, replaces, fits
        case tooFewPoints = "too_few_points"
        case byClutterClass = "by_clutter_class"
    }
}
