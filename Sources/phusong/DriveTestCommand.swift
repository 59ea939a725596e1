import ArgumentParser
import Foundation
import Terrain
import Workflows

struct DriveTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drive-test",
        abstract: "Compare received power measured in the field with a run's predictions: drive_test.json, drive_test.csv.",
        discussion: """
            phusong drive-test --run RUN_DIR --measurements drive.csv --value-field rsrp_dbm [--site-field site_id] [--per-cell] --out DIR
            Each point takes the prediction of the grid cell it lies in: the strongest site's (coverage.tif), or with
            --site-field its own site's (sites/<id>.tif). Errors are measured − predicted, in dB. With --per-cell the
            points in each cell are averaged (as power) first, and each cell counts once.
            """
    )

    @Option(name: .customLong("run"), help: "The output folder of a footprint or evaluate run (or a batch job's).")
    var runFolder: String

    @Option(help: "Measured points: any OGR point layer, or a CSV with lon and lat columns.")
    var measurements: String

    @Option(name: .customLong("value-field"), help: "The attribute holding measured received power, dBm.")
    var valueField: String

    @Option(name: .customLong("site-field"), help: "The attribute naming each point's site (the run's site ids).")
    var siteField: String?

    @Option(
        name: .customLong("threshold-dbm"), parsing: .unconditional,
        help: "Count every compared point covered or not at this received power, as measured and as predicted."
    )
    var thresholdDBm: Double?

    @Flag(
        name: .customLong("per-cell"),
        help: "Average the points in each grid cell as power (mW) before comparing: the local mean, without fast fading; each cell counts once."
    )
    var perCell = false

    @Option(help: "Output folder (created; existing outputs of the same name are replaced).")
    var out: String

    func validate() throws {
        if let thresholdDBm, !(-250...100).contains(thresholdDBm) {
            throw ValidationError("--threshold-dbm must be a received power within −250–100 dBm")
        }
    }

    func run() throws {
        let request = DriveTest.Request(
            runFolder: runFolder, measurementsPath: measurements, valueField: valueField, siteField: siteField,
            thresholdDBm: thresholdDBm, perCell: perCell, outputDirectory: out
        )
        let report = try reportingInputErrors { () throws(InputError) in try DriveTest.run(request) }
        print(driveTestTable(report))
        if let calibration = report.calibration { print(calibrationLines(calibration)) }
        let written = [
            report.calibration?.fits.contains(where: \.isWithinLimits) == true ? "calibration.csv" : nil,
            report.byClutterClass == nil ? nil : "clutter_losses_calibrated.csv",
        ].compactMap { $0 }
        print("Results: " + (["drive_test.json", "drive_test.csv"] + written).map { "\(out)/\($0)" }.joined(separator: ", "))
    }
}

/// The model corrections fitted per technology, and what each leaves, for the terminal.
func calibrationLines(_ calibration: DriveTestCalibration) -> String {
    var lines = ["Calibration of \(calibration.model) (measured − model\(calibration.replaces.map { ", \($0) taken off the run's powers" } ?? ""); ± the 95 % intervals, points taken as independent):"]
    for fit in calibration.fits {
        let c = fit.correction
        let within = { (half: Double?) in half.map { String(format: " ± %.2f", $0) } ?? "" }
        let slope = fit.slopeFitted
            ? String(format: " %+.2f", c.slopeDBPerDecade) + within(fit.slopeCI95DBPerDecade)
                + String(format: " dB per decade of distance (%.2f–%.2f km)", c.fromKm, c.toKm)
            : String(format: " (distances %.2f–%.2f km, under a factor of two: no slope)", c.fromKm, c.toKm)
        let refused = fit.isWithinLimits ? "" : " — beyond ±\(Int(ModelCorrection.largestDB)) dB, not written: the wrong run or the wrong measurements?"
        lines.append("  \(c.technologyName)  " + String(format: "%+.2f", c.offsetDB) + within(fit.offsetCI95DB) + " dB" + slope
            + String(format: "; rms %.2f → %.2f dB over %d", fit.rmsBeforeDB, fit.rmsAfterDB, fit.points) + refused)
    }
    if !calibration.tooFewPoints.isEmpty {
        lines.append("  not fitted (under \(FittedCorrection.fewestPoints) points): \(calibration.tooFewPoints.joined(separator: ", "))")
    }
    return lines.joined(separator: "\n")
}

/// Points compared and their errors, overall and per site, for the terminal.
func driveTestTable(_ report: DriveTestReport) -> String {
    func line(_ label: String, _ errors: DriveTestReport.Errors, _ extra: String = "") -> String {
        guard let mean = errors.meanDB, let deviation = errors.standardDeviationDB, let rms = errors.rmsDB else {
            return "  \(label)  no point compared"
        }
        return "  \(label)  " + String(format: "%6d  %+7.2f  %7.2f  %7.2f", errors.points, mean, deviation, rms) + extra
    }
    let classLabels = (report.byClutterClass ?? []).map { "class \($0.clutterClass)".count }
    let width = max(5, (report.sites.map(\.id.count) + classLabels).max() ?? 5)
    func padded(_ text: String) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
    var lines = [
        "Drive test: \(report.points) points\(report.perCell ? ", averaged per cell" : ""), measured − predicted (dB)",
        "  \(padded(""))  \(report.perCell ? " cells" : "points")     mean  std dev      rms" + (report.sites.isEmpty ? "" : "  covered: both / measured only / predicted only / neither"),
    ]
    for site in report.sites {
        let a = site.agreement
        lines.append(line(padded(site.id), site.errors, "  \(a.both) / \(a.measuredOnly) / \(a.predictedOnly) / \(a.neither)"))
    }
    lines.append(line(padded("all"), report.errors))
    if let threshold = report.thresholdDBm, let a = report.agreement {
        let compared = a.both + a.measuredOnly + a.predictedOnly + a.neither
        func share(_ count: Int) -> String { compared == 0 ? "–" : String(format: "%.1f %%", 100 * Double(count) / Double(compared)) }
        lines.append(
            String(format: "  at %.1f dBm: ", threshold) + "covered as measured \(share(a.both + a.measuredOnly)), as predicted "
                + "\(share(a.both + a.predictedOnly)) (both \(a.both), measured only \(a.measuredOnly), predicted only \(a.predictedOnly), neither \(a.neither))"
        )
    }
    for group in report.byClutterClass ?? [] {
        lines.append(line(padded("class \(group.clutterClass)"), group.errors))
    }
    let apart = [
        (report.outsideGrid, "outside the area predicted"), (report.noPrediction, "without a prediction"),
        (report.unknownSitePoints, "of sites not in the run (\(report.unknownSites.joined(separator: ", ")))"),
    ].filter { $0.0 > 0 }
    lines += apart.map { "  not compared: \($0.0) \($0.1)" }
    return lines.joined(separator: "\n")
}
