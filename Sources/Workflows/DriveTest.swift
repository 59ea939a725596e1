import Foundation
import Planning
import Terrain

/// `phusong drive-test`: received power measured in the field (a drive test's points) against what a run predicted
/// there — the strongest power of any site (`coverage.tif`), or with a site field each point's own site (its raster
/// under `sites/`). Each point takes the value of the grid cell it lies in.
public enum DriveTest {
    public struct Request: Sendable {
        /// The output folder of a `footprint`, `evaluate` run (or a batch job's, a verification's `computed/`).
        public var runFolder: String
        /// Any OGR point layer, or a CSV with lon/lat (or longitude/latitude, x/y) columns.
        public var measurementsPath: String
        /// The attribute holding the measured received power, dBm.
        public var valueField: String
        /// The attribute naming each point's site (the run's site ids); nil compares with the strongest site.
        public var siteField: String?
        /// A received power (dBm) at which to count every compared point covered or not, as measured and as predicted.
        public var thresholdDBm: Double?
        /// Averages the points in each grid cell (of each site, with a site field) as power before comparing them.
        public var perCell: Bool
        public var outputDirectory: String

        public init(
            runFolder: String, measurementsPath: String, valueField: String, siteField: String?, thresholdDBm: Double? = nil,
            perCell: Bool = false, outputDirectory: String
        ) {
            self.runFolder = runFolder
            self.measurementsPath = measurementsPath
            self.valueField = valueField
            self.siteField = siteField
            self.thresholdDBm = thresholdDBm
            self.perCell = perCell
            self.outputDirectory = outputDirectory
        }
    }

    /// Compares, writes `drive_test.json`, `drive_test.csv` (one row per point, or per cell), with a site field and a
    /// correction within limits `calibration.csv`, and for a run with clutter `clutter_losses_calibrated.csv`
    /// together (an earlier drive test's copy of either removed when this one writes none), and returns the report.
    public static func run(_ request: Request) throws(InputError) -> DriveTestReport {
        var run = try RunPredictions(folder: request.runFolder)
        let points = try MeasuredPoints(path: request.measurementsPath, valueField: request.valueField, siteField: request.siteField)
        let onGrid = try points.layer.positions(in: run.crs)
        let geographic = try points.layer.positions(in: wgs84)
        var outcomes: [PointOutcome] = []
        for (index, feature) in points.layer.features.enumerated() {
            let site = request.siteField.map { feature.attributes[$0] ?? "" }
            let (predicted, cell) = try run.prediction(at: onGrid[index], site: site)
            let position = GeoPoint(latitude: geographic[index].y, longitude: geographic[index].x)
            outcomes.append(PointOutcome(
                feature: feature.number, position: position, site: site, distance: site.flatMap { run.sites[$0] }.map { position.distance(to: $0.location) },
                measured: points.values[index], prediction: predicted, cell: cell,
                clutterClass: run.hasClutter ? try run.clutterClass(at: onGrid[index]) : nil
            ))
        }
        let pointCount = outcomes.count
        if request.perCell { outcomes = PointOutcome.averagedPerCell(outcomes) }
        let report = DriveTestReport(request: request, run: run, points: pointCount, outcomes: outcomes)
        let staging = try OutputStaging(destination: request.outputDirectory)
        do throws(InputError) {
            try staging.write(reportJSON(report) + "\n", to: "drive_test.json")
            try staging.write(PointOutcome.csv(outcomes), to: "drive_test.csv")
            if let calibration = report.calibration, calibration.fits.contains(where: \.isWithinLimits) {
                try staging.write(calibration.csv, to: "calibration.csv")
            }
            if let losses = run.clutterLosses, let measured = report.calibration?.byClutterClass ?? report.byClutterClass {
                try staging.write(ClutterCalibration(losses: losses, measured: measured).csv, to: "clutter_losses_calibrated.csv")
            }
            try staging.commit(retiring: ["calibration.csv", "clutter_losses_calibrated.csv"])
        } catch {
            staging.discard()
            throw error
        }
        return report
    }
}

/// The measured points and their values.
private struct MeasuredPoints {
    let layer: PointLayer
    let values: [Double]

    init(path: String, valueField: String, siteField: String?) throws(InputError) {
        let fields = [valueField] + (siteField.map { [$0] } ?? [])
        layer = try PointLayer(
            path: path, options: PointLayer.csvCoordinateOptions,
            attributes: fields
        )
        for (field, option) in zip(fields, ["--value-field", "--site-field"]) where !layer.foundAttributes.contains(field) {
            throw InputError(
                path: path, reason: "missing attribute '\(field)' (\(option)); the layer has: \(layer.fieldNames.joined(separator: ", "))"
            )
        }
        guard !layer.features.isEmpty else { throw InputError(path: path, reason: "no measured points") }
        values = try layer.features.map { feature throws(InputError) in
            let text = feature.attributes[valueField] ?? ""
            guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite, (-250...100).contains(value) else {
                throw InputError(
                    path: path, reason: "feature \(feature.number): '\(valueField)' = '\(text)' is not a received power in dBm (−250 to 100)"
                )
            }
            return value
        }
    }
}

/// What one measured point was compared with.
enum Prediction: Equatable {
    case power(Double)
    /// The point lies outside the area the run predicted: its grid, or with a site field its site's window.
    case outsideGrid
    /// The cell has no prediction: beyond the radius, out of sight under `los`, or no terrain.
    case noPrediction
    /// The point's site is not one of the run's sites.
    case unknownSite
}

/// One measured point and the prediction at it — or, averaged per cell, the points in one cell of one site's raster.
struct PointOutcome {
    /// The layer's feature number (the first of a cell's points).
    let feature: Int
    let position: GeoPoint
    let site: String?
    /// From the point's site, metres (with a site field, for the run's sites).
    let distance: Double?
    let measured: Double
    let prediction: Prediction
    /// The index of the raster cell the point lies in, if any.
    let cell: Int?
    /// The land-cover class of the run's cell under the point, in a run with clutter.
    let clutterClass: Int?
    /// How many measured points this outcome stands for.
    var points = 1

    /// The points lying in the same cell of the same raster merged into one outcome each, in the order of their first
    /// point: measured power averaged as power (mW), the local mean that fast fading scatters single samples around;
    /// position and distance averaged. Points in no cell stay as they are.
    static func averagedPerCell(_ outcomes: [PointOutcome]) -> [PointOutcome] {
        struct Key: Hashable {
            let site: String?
            let cell: Int
        }
        var groups: [Key: [PointOutcome]] = [:], order: [Key] = [], merged: [PointOutcome] = []
        for outcome in outcomes {
            guard let cell = outcome.cell else {
                merged.append(outcome)
                continue
            }
            let key = Key(site: outcome.site, cell: cell)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(outcome)
        }
        merged += order.map { key in
            let group = groups[key]!, count = Double(group.count)
            let milliwatts = group.reduce(0) { $0 + pow(10, $1.measured / 10) } / count
            let mean = { (value: (PointOutcome) -> Double) in group.reduce(0) { $0 + value($1) } / count }
            let first = group[0]
            return PointOutcome(
                feature: first.feature,
                position: GeoPoint(latitude: mean { $0.position.latitude }, longitude: mean { $0.position.longitude }),
                site: first.site, distance: first.distance.map { _ in mean { $0.distance ?? 0 } },
                measured: 10 * log10(milliwatts), prediction: first.prediction, cell: first.cell, clutterClass: first.clutterClass,
                points: group.count
            )
        }
        return merged.sorted { $0.feature < $1.feature }
    }

    var predicted: Double? {
        if case let .power(value) = prediction { return value }
        return nil
    }

    /// The same outcome with `decibels` added to its measured power.
    func raisingMeasured(by decibels: Double) -> PointOutcome {
        var shifted = PointOutcome(
            feature: feature, position: position, site: site, distance: distance, measured: measured + decibels, prediction: prediction,
            cell: cell, clutterClass: clutterClass
        )
        shifted.points = points
        return shifted
    }

    /// Measured − predicted, dB, when compared.
    var difference: Double? { predicted.map { measured - $0 } }

    var status: String {
        switch prediction {
        case .power: "compared"
        case .outsideGrid: "outside the area predicted"
        case .noPrediction: "no prediction"
        case .unknownSite: "site not in the run"
        }
    }

    /// `drive_test.csv`: a row per outcome, in the layer's order.
    static func csv(_ outcomes: [PointOutcome]) -> String {
        var lines = ["feature,longitude,latitude,site,distance_m,measured_dbm,predicted_dbm,difference_db,points,clutter_class,status"]
        for point in outcomes {
            let clutterClass: String = point.clutterClass.map(String.init) ?? ""
            let fields: [String] = [
                "\(point.feature)", String(format: "%.7f", point.position.longitude), String(format: "%.7f", point.position.latitude),
                csvField(point.site ?? ""), point.distance.map { String(format: "%.0f", $0) } ?? "",
                String(format: "%.2f", point.measured), point.predicted.map { String(format: "%.2f", $0) } ?? "",
                point.difference.map { String(format: "%.2f", $0) } ?? "", "\(point.points)", clutterClass, point.status,
            ]
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
