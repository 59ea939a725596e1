import Coverage
import Foundation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("Drive tests against a run's predictions", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct DriveTestTests {
    /// A run of the two New Hampshire sites (ITM, 8 km) into `folder/name`, calibrated by `calibration` when given.
    func run(in folder: String, name: String = "run", calibration: ModelCalibration? = nil) throws -> (path: String, summary: FootprintSummary) {
        var parameters = CoverageParameters(radius: 8_000)
        parameters.model = .itm
        let path = folder + "/" + name
        var request = FootprintRequest(
            terrainPath: SharedData.path("terrain/N44W072.hgt"), sitesPath: Fixtures.path("sites/nh_two_sites.geojson"),
            outputDirectory: path, parameters: parameters
        )
        request.calibration = calibration
        return (path, try FootprintJob.run(request))
    }

    /// Every 97th predicted cell of a raster of the run: its centre in longitude/latitude and its value.
    func predictedCells(_ path: String, crs: String) throws -> [(point: MapPoint, power: Double)] {
        let source = try DEMSource.open(path)
        let raster = try #require(try source.read(covering: source.describe().frame.bounds, holding: .quantities))
        let frame = raster.frame
        let cells = raster.values.indices.filter { !raster.values[$0].isNaN }.enumerated().filter { $0.offset % 97 == 0 }.map(\.element)
        let centres = cells.map { index in
            MapPoint(
                x: frame.cornerX + (Double(index % frame.width) + 0.5) * frame.pixelWidth,
                y: frame.cornerY - (Double(index / frame.width) + 0.5) * frame.pixelHeight
            )
        }
        let geographic = try CoordinateTransform(from: crs, to: wgs84).apply(centres)
        return zip(geographic, cells).map { ($0, Double(raster.values[$1])) }
    }

    @Test("""
        Points measured 2 and 4 dB above each site's own prediction in turn: mean 3, rms √10, median |Δ| 3; coverage \
        agreement at the site's threshold; points far away, of another site, and on cells without prediction counted \
        apart; drive_test.csv gives every point
        """)
    func siteByPoint() throws {
        let folder = try temporaryFolder("drivetest")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (runPath, summary) = try run(in: folder)
        var rows = ["lon,lat,rsrp_dbm,cell"], differences: [Double] = []
        var expected = [String: DriveTestReport.Agreement]()
        for site in summary.siteAreas {
            var agreement = DriveTestReport.Agreement()
            for (index, cell) in try predictedCells(runPath + "/" + site.raster, crs: summary.crs).enumerated() {
                let offset = index % 2 == 0 ? 2.0 : 4.0, measured = cell.power + offset
                rows.append(String(format: "%.9f,%.9f,%.6f,%@", cell.point.x, cell.point.y, measured, site.id))
                differences.append(offset)
                switch (measured >= site.thresholdDBm, cell.power >= site.thresholdDBm) {
                case (true, true): agreement.both += 1
                case (true, false): agreement.measuredOnly += 1
                case (false, true): agreement.predictedOnly += 1
                case (false, false): agreement.neither += 1
                }
            }
            expected[site.id] = agreement
        }
        let compared = differences.count
        rows += ["-71.45,44.95,-80,NH-1", "-71.45,44.45,-70,NH-9", "-71.45,44.45,-75,NH-9"]
        let measurements = folder + "/drive.csv"
        try (rows.joined(separator: "\n") + "\n").write(toFile: measurements, atomically: true, encoding: .utf8)
        let report = try DriveTest.run(DriveTest.Request(
            runFolder: runPath, measurementsPath: measurements, valueField: "rsrp_dbm", siteField: "cell", outputDirectory: folder + "/out"
        ))
        #expect(report.points == compared + 3 && report.errors.points == compared && compared > 100)
        #expect(report.outsideGrid == 1 && report.unknownSitePoints == 2 && report.unknownSites == ["NH-9"])
        let mean = try #require(report.errors.meanDB), rms = try #require(report.errors.rmsDB)
        #expect(abs(mean - differences.reduce(0, +) / Double(compared)) < 1e-5 && abs(mean - 3) < 0.02)
        #expect(abs(rms - (differences.map { $0 * $0 }.reduce(0, +) / Double(compared)).squareRoot()) < 1e-5)
        #expect(abs((report.errors.medianAbsoluteDB ?? 0) - 3) < 1e-5)
        #expect(report.sites.map(\.id) == ["NH-1", "NH-2"])
        for site in report.sites {
            #expect(site.agreement == expected[site.id], "\(site.id)")
            #expect(abs((site.errors.standardDeviationDB ?? 0) - 1) < 0.02, "alternating 2 and 4 dB")
            // Bands of distance from the site (8 km radius: 0–1, 1–2, 2–5, 5–10 km) share out its points.
            #expect(site.byDistance.map(\.fromKm) == [0, 1, 2, 5] && site.byDistance.map(\.toKm) == [1, 2, 5, 10], "\(site.byDistance)")
            #expect(site.byDistance.map(\.errors.points).reduce(0, +) == site.errors.points)
        }
        let csv = CSV(try String(contentsOfFile: folder + "/out/drive_test.csv", encoding: .utf8)).rows
        #expect(csv.count == report.points + 1 && csv[0].last == "status" && csv[0][4] == "distance_m")
        // Distances are the great circle to the point's site, as summary.json places it.
        let nh1 = try #require(summary.siteAreas.first), first = csv[1]
        let distance = GeoPoint(latitude: Double(first[2])!, longitude: Double(first[1])!)
            .distance(to: GeoPoint(latitude: nh1.latitude, longitude: nh1.longitude))
        #expect(first[3] == "NH-1" && abs(Double(first[4])! - distance) <= 0.5 && abs(nh1.latitude - 44.45) < 1e-12)
        #expect(csv.suffix(3).map { $0.last } == ["outside the area predicted", "site not in the run", "site not in the run"])
        let report2 = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/drive_test.json"))) as? [String: Any]
        #expect((report2?["errors"] as? [String: Any])?["points"] as? Int == compared)
    }

    @Test("Without a site field each point meets the strongest site's power: coverage.tif's cell, none beyond the radius; agreement at a threshold; tab-delimited .txt reads the same")
    func strongestSite() throws {
        let folder = try temporaryFolder("drivetest-best")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (runPath, summary) = try run(in: folder)
        let cells = try predictedCells(runPath + "/coverage.tif", crs: summary.crs)
        let rows = ["lon,lat,rxlev"] + cells.map { String(format: "%.9f,%.9f,%.6f", $0.point.x, $0.point.y, $0.power - 5) }
            + ["-71.30,44.45,-90"]  // 12 km east of NH-1, 8 km from NH-2: in the grid, beyond both radii
        try (rows.joined(separator: "\n") + "\n").write(toFile: folder + "/drive.csv", atomically: true, encoding: .utf8)
        let threshold = -95.0
        let report = try DriveTest.run(DriveTest.Request(
            runFolder: runPath, measurementsPath: folder + "/drive.csv", valueField: "rxlev", siteField: nil, thresholdDBm: threshold,
            outputDirectory: folder + "/out"
        ))
        #expect(report.errors.points == cells.count && abs((report.errors.meanDB ?? 0) + 5) < 1e-5 && report.sites.isEmpty)
        #expect(abs(report.errors.standardDeviationDB ?? 1) < 1e-5 && report.noPrediction == 1)
        // At −95 dBm: measured 5 dB under each prediction; the point beyond both radii, measured at −90 dBm, counts as
        // covered as measured, not as predicted.
        var expected = DriveTestReport.Agreement()
        for cell in cells {
            switch (cell.power - 5 >= threshold, cell.power >= threshold) {
            case (true, _): expected.both += 1
            case (false, true): expected.predictedOnly += 1
            case (false, false): expected.neither += 1
            }
        }
        expected.measuredOnly += 1
        #expect(report.agreement == expected && report.thresholdDBm == threshold && expected.predictedOnly > 0)
        // The same points as a measurement app exports them: tab-delimited text, capitalised names, a timestamp.
        let exported = ["Timestamp\tLongitude\tLatitude\tLevel"] + rows.dropFirst().map { "2026.12.04_07.00.00\t" + $0.replacingOccurrences(of: ",", with: "\t") }
        try (exported.joined(separator: "\n") + "\n").write(toFile: folder + "/drive.txt", atomically: true, encoding: .utf8)
        let fromText = try DriveTest.run(DriveTest.Request(
            runFolder: runPath, measurementsPath: folder + "/drive.txt", valueField: "level", siteField: nil, outputDirectory: folder + "/text"
        ))
        #expect(fromText.errors == report.errors && fromText.noPrediction == 1)
    }

    @Test("""
        --per-cell: 40 Rayleigh-faded samples in each of a site's cells average, as power, to the local mean — single \
        samples lie 2.5 dB low with a 5.6 dB spread, cells within 0.3 dB with under 1 dB; each cell one row and one count
        """)
    func perCell() throws {
        let folder = try temporaryFolder("drivetest-cells")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (runPath, summary) = try run(in: folder)
        let site = try #require(summary.siteAreas.first)
        let cells = try predictedCells(runPath + "/" + site.raster, crs: summary.crs).prefix(150)
        var generator = SeededGenerator(seed: 4)
        var rows = ["lon,lat,rsrp,site"], firstCell: [Double] = []
        for (index, cell) in cells.enumerated() {
            for _ in 0..<40 {
                // Within 0.0002° of the centre (under 23 m): inside the 92.7 m cell. Exponential power: Rayleigh fading.
                let (lon, lat) = (cell.point.x + 0.0004 * (generator.unit() - 0.5), cell.point.y + 0.0004 * (generator.unit() - 0.5))
                let measured = cell.power + 10 * log10(-log(1 - generator.unit()))
                rows.append(String(format: "%.9f,%.9f,%.9f,%@", lon, lat, measured, site.id))
                if index == 0 { firstCell.append(measured) }
            }
        }
        try (rows.joined(separator: "\n") + "\n").write(toFile: folder + "/drive.csv", atomically: true, encoding: .utf8)
        func compare(perCell: Bool, into out: String) throws -> DriveTestReport {
            try DriveTest.run(DriveTest.Request(
                runFolder: runPath, measurementsPath: folder + "/drive.csv", valueField: "rsrp", siteField: "site", perCell: perCell,
                outputDirectory: folder + "/" + out
            ))
        }
        let points = try compare(perCell: false, into: "points"), averaged = try compare(perCell: true, into: "cells")
        #expect(points.points == 6_000 && averaged.points == 6_000 && averaged.perCell && !points.perCell)
        #expect(points.errors.points == 6_000 && averaged.errors.points == cells.count && averaged.sites.first?.errors.points == cells.count)
        let (pointMean, pointSpread) = (try #require(points.errors.meanDB), try #require(points.errors.standardDeviationDB))
        #expect(abs(pointMean + 2.51) < 0.3 && abs(pointSpread - 5.57) < 0.4, "\(points.errors)")
        let (cellMean, cellSpread) = (try #require(averaged.errors.meanDB), try #require(averaged.errors.standardDeviationDB))
        #expect(abs(cellMean) < 0.3 && cellSpread < 1, "\(averaged.errors)")
        let csv = CSV(try String(contentsOfFile: folder + "/cells/drive_test.csv", encoding: .utf8)).rows
        #expect(csv.count == cells.count + 1 && csv[0][8] == "points" && csv.dropFirst().allSatisfy { $0[8] == "40" })
        let localMean = 10 * log10(firstCell.map { pow(10, $0 / 10) }.reduce(0, +) / 40)
        #expect(csv[1][0] == "1" && abs(Double(csv[1][5])! - localMean) < 0.006, "\(csv[1]) against \(localMean)")
    }

    @Test("Bad input names the file and the fault and writes nothing: a missing field, a value that is no power, a folder that is not a run (a plan's: where its runs are), a truncated coverage.tif")
    func badInput() throws {
        let folder = try temporaryFolder("drivetest-bad")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (runPath, _) = try run(in: folder)
        let measurements = folder + "/drive.csv"
        func attempt(_ text: String, run: String? = nil, value: String = "rsrp") throws -> InputError {
            try text.write(toFile: measurements, atomically: true, encoding: .utf8)
            let error = try #require(throws: InputError.self) {
                try DriveTest.run(DriveTest.Request(
                    runFolder: run ?? runPath, measurementsPath: measurements, valueField: value, siteField: nil, outputDirectory: folder + "/out"
                ))
            }
            #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
            return error
        }
        let missing = try attempt("lon,lat,rxlev\n-71.45,44.45,-80\n")
        #expect(missing.path == measurements && missing.reason == "missing attribute 'rsrp' (--value-field); the layer has: lon, lat, rxlev")
        let notPower = try attempt("lon,lat,rsrp\n-71.45,44.45,-80\n-71.45,44.46,strong\n")
        #expect(notPower.reason == "feature 2: 'rsrp' = 'strong' is not a received power in dBm (−250 to 100)")
        let notRun = try attempt("lon,lat,rsrp\n-71.45,44.45,-80\n", run: folder)
        #expect(notRun.path == folder && notRun.reason == "not the output folder of a PhuSong run: it has no summary.json")
        try "{}".write(toFile: folder + "/plan.json", atomically: true, encoding: .utf8)
        let plan = try attempt("lon,lat,rsrp\n-71.45,44.45,-80\n", run: folder)
        #expect(plan.reason.hasSuffix("no summary.json (a plan's: its runs are in after/ and before/)"), "\(plan.reason)")
        let coverage = runPath + "/coverage.tif"
        try FileManager.default.contents(atPath: coverage)!.prefix(3_000).write(to: URL(fileURLWithPath: coverage))
        let truncated = try attempt("lon,lat,rsrp\n-71.45,44.45,-80\n")
        #expect(truncated.path == coverage && truncated.reason.hasPrefix("cannot read pixel values: "), "\(truncated.reason)")
    }
}
