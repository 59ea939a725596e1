import Foundation
import Terrain

/// `drive_test.json`: how far measured received power lies from the run's predictions, overall and per site.
public struct DriveTestReport: Sendable, Codable, Equatable {
    /// Measured − predicted over the compared points, dB (absent without points).
    public struct Errors: Sendable, Codable, Equatable {
        public let points: Int
        public let meanDB: Double?
        /// With n − 1 in the denominator; 0 for one point.
        public let standardDeviationDB: Double?
        public let rmsDB: Double?
        public let medianAbsoluteDB: Double?

        init(_ differences: [Double]) {
            points = differences.count
            guard !differences.isEmpty else {
                (meanDB, standardDeviationDB, rmsDB, medianAbsoluteDB) = (nil, nil, nil, nil)
                return
            }
            let count = Double(differences.count), mean = differences.reduce(0, +) / count
            meanDB = mean
            standardDeviationDB = differences.count == 1
                ? 0 : (differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)).squareRoot()
            rmsDB = (differences.reduce(0) { $0 + $1 * $1 } / count).squareRoot()
            let absolute = differences.map(abs).sorted(), middle = absolute.count / 2
            medianAbsoluteDB = absolute.count % 2 == 1 ? absolute[middle] : (absolute[middle - 1] + absolute[middle]) / 2
        }

        enum CodingKeys: String, CodingKey {
            case points
            case meanDB = "mean_db"
            case standardDeviationDB = "standard_deviation_db"
            case rmsDB = "rms_db"
            case medianAbsoluteDB = "median_absolute_db"
        }
    }

    /// Points by whether the measurement and the prediction reach the site's threshold.
    public struct Agreement: Sendable, Codable, Equatable {
        public var both = 0
        public var measuredOnly = 0
        public var predictedOnly = 0
        public var neither = 0

        public init() {}

        /// `points` counted at `threshold`, dBm: those compared, and those on cells without prediction (beyond the
        /// radius, out of sight under `los`), where the run predicts no coverage.
        init(_ points: [PointOutcome], threshold: Double) {
            for point in points {
                guard let predicted = point.predicted ?? (point.prediction == .noPrediction ? -.infinity : nil) else { continue }
                switch (point.measured >= threshold, predicted >= threshold) {
                case (true, true): both += 1
                case (true, false): measuredOnly += 1
                case (false, true): predictedOnly += 1
                case (false, false): neither += 1
                }
            }
        }

        enum CodingKeys: String, CodingKey {
            case both, neither
            case measuredOnly = "measured_only"
            case predictedOnly = "predicted_only"
        }
    }

    /// The errors of the points at `fromKm` to `toKm` (open beyond the last band) from their site.
    public struct DistanceBand: Sendable, Codable, Equatable {
        public let fromKm: Double
        public let toKm: Double?
        public let errors: Errors

        /// Band edges, km: a model whose loss grows too fast or too slowly with distance shows a mean that drifts
        /// from band to band.
        static let edges: [Double] = [0, 1, 2, 5, 10, 20, 50]

        /// The bands holding any of `points`, nearest first.
        static func bands(_ points: [PointOutcome]) -> [DistanceBand] {
            edges.indices.compactMap { index in
                let from = edges[index], to = index + 1 < edges.count ? edges[index + 1] : nil
                let inside = points.filter { point in
                    guard let distance = point.distance.map({ $0 / 1_000 }) else { return false }
                    return distance >= from && to.map { distance < $0 } ?? true
                }
                return inside.isEmpty ? nil : DistanceBand(fromKm: from, toKm: to, errors: Errors(inside.compactMap(\.difference)))
            }
        }

        enum CodingKeys: String, CodingKey {
            case errors
            case fromKm = "from_km"
            case toKm = "to_km"
        }
    }

    /// The errors of the points on cells of one land-cover class, in a run with clutter: a mean above 0 says the
    /// class's loss_db is that much too high, below 0 too low.
    public struct ClutterClassErrors: Sendable, Codable, Equatable {
        public let clutterClass: Int
        public let errors: Errors

        /// The classes under any compared point, in increasing order.
        static func classes(_ points: [PointOutcome]) -> [ClutterClassErrors] {
            Dictionary(grouping: points.filter { $0.difference != nil && $0.clutterClass != nil }) { $0.clutterClass! }
                .sorted { $0.key < $1.key }
                .map { ClutterClassErrors(clutterClass: $0.key, errors: Errors($0.value.compactMap(\.difference))) }
        }

        enum CodingKeys: String, CodingKey {
            case errors
            case clutterClass = "class"
        }
    }

    public struct SiteComparison: Sendable, Codable, Equatable {
        public let id: String
        public let thresholdDBm: Double
        public let errors: Errors
        /// Covered (at or above the threshold) as measured and as predicted, at the site's points with a prediction
        /// or on cells without one.
        public let agreement: Agreement
        public let byDistance: [DistanceBand]

        enum CodingKeys: String, CodingKey {
            case id, errors, agreement
            case thresholdDBm = "threshold_dbm"
            case byDistance = "by_distance"
        }
    }

    public let run: String
    public let measurements: String
    public let valueField: String
    public let siteField: String?
    /// Measured points read.
    public let points: Int
    /// Whether the points in each cell were averaged: every count below is then of cells (a point outside the area
    /// predicted or of a site not in the run, in no cell, counts as one).
    public let perCell: Bool
    public let outsideGrid: Int
    public let noPrediction: Int
    /// Points whose site is not one of the run's, and those sites' names (sorted).
    public let unknownSitePoints: Int
    public let unknownSites: [String]
    /// Over every compared point.
    public let errors: Errors
    /// The threshold asked for, and the points counted at it (`Agreement`).
    public let thresholdDBm: Double?
    public let agreement: Agreement?
    /// With a site field: each of the run's sites with points, in the run's order.
    public let sites: [SiteComparison]
    /// In a run with clutter (`clutter.tif`): the compared points' errors per land-cover class; nil without.
    public let byClutterClass: [ClutterClassErrors]?
    /// With a site field: the model corrections the points fit, per technology (`calibration.csv`).
    public let calibration: DriveTestCalibration?

    /// `points` measured points, compared as `outcomes` (one per point, or per cell).
    init(request: DriveTest.Request, run: RunPredictions, points: Int, outcomes: [PointOutcome]) {
        self.run = request.runFolder
        measurements = request.measurementsPath
        valueField = request.valueField
        siteField = request.siteField
        self.points = points
        perCell = request.perCell
        outsideGrid = outcomes.filter { $0.prediction == .outsideGrid }.count
        noPrediction = outcomes.filter { $0.prediction == .noPrediction }.count
        let unknown = outcomes.filter { $0.prediction == .unknownSite }
        unknownSitePoints = unknown.count
        unknownSites = Set(unknown.compactMap(\.site)).sorted()
        errors = Errors(outcomes.compactMap(\.difference))
        thresholdDBm = request.thresholdDBm
        agreement = request.thresholdDBm.map { Agreement(outcomes, threshold: $0) }
        byClutterClass = run.hasClutter ? ClutterClassErrors.classes(outcomes) : nil
        calibration = DriveTestCalibration(outcomes, run: run)
        guard request.siteField != nil else {
            sites = []
            return
        }
        sites = run.siteIDs.compactMap { id in
            let own = outcomes.filter { $0.site == id }, compared = own.filter { $0.difference != nil }
            guard !compared.isEmpty, let threshold = run.sites[id]?.thresholdDBm else { return nil }
            return SiteComparison(
                id: id, thresholdDBm: threshold, errors: Errors(compared.compactMap(\.difference)),
                agreement: Agreement(own, threshold: threshold),
                byDistance: DistanceBand.bands(compared)
            )
        }
    }

    enum CodingKeys: String, CodingKey {
        case run, measurements, points, errors, sites, agreement, calibration
        case thresholdDBm = "threshold_dbm"
        case valueField = "value_field"
        case siteField = "site_field"
        case perCell = "per_cell"
        case outsideGrid = "outside_grid"
        case noPrediction = "no_prediction"
        case unknownSitePoints = "unknown_site_points"
        case unknownSites = "unknown_sites"
        case byClutterClass = "by_clutter_class"
    }
}
