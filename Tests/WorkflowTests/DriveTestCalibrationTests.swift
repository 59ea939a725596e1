import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

extension DriveTestTests {
    /// Each site's points (every 97th predicted cell) measured at the prediction + offset + slope × log₁₀(d km),
    /// ±1 dB in turn; the CSV's path.
    func measurements(
        of run: (path: String, summary: FootprintSummary), truth: [String: (offset: Double, slope: Double)], into path: String
    ) throws -> String {
        var rows = ["lon,lat,rxlev,cell"]
        for site in run.summary.siteAreas {
            let (offset, slope) = try #require(truth[site.technology])
            let location = GeoPoint(latitude: site.latitude, longitude: site.longitude)
            for (index, cell) in try predictedCells(run.path + "/" + site.raster, crs: run.summary.crs).enumerated() {
                let kilometres = GeoPoint(latitude: cell.point.y, longitude: cell.point.x).distance(to: location) / 1_000
                let measured = cell.power + offset + slope * log10(kilometres) + (index % 2 == 0 ? 1 : -1)
                rows.append(String(format: "%.9f,%.9f,%.6f,%@", cell.point.x, cell.point.y, measured, site.id))
            }
        }
        try (rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("""
        Points measured 4 dB − 5 dB per decade off a 2G site's ITM and −6 dB + 3 dB per decade off a 4G site's, ±1 dB: \
        drive-test fits each technology's offset and slope, leaving an rms of 1 dB; a run calibrated by its \
        calibration.csv meets the points with a mean error near 0, and a drive test of that run fits the same \
        corrections again, the run's own taken off first
        """)
    func fitsAndAppliesCalibration() throws {
        let folder = try temporaryFolder("drivetest-calibration")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let base = try run(in: folder)
        let truth: [String: (offset: Double, slope: Double)] = ["2G": (4, -5), "4G": (-6, 3)]
        let points = try measurements(of: base, truth: truth, into: folder + "/drive.csv")
        let request = { (run: String, out: String) in
            DriveTest.Request(runFolder: run, measurementsPath: points, valueField: "rxlev", siteField: "cell", outputDirectory: folder + "/" + out)
        }
        let first = try DriveTest.run(request(base.path, "first"))
        let fitted = try #require(first.calibration)
        #expect(fitted.model == "itm" && fitted.replaces == nil && fitted.tooFewPoints.isEmpty)
        #expect(fitted.fits.map(\.correction.technology) == [.gsm, .lte])
        for fit in fitted.fits {
            let (offset, slope) = try #require(truth[fit.correction.technologyName])
            #expect(fit.slopeFitted && fit.points > 100 && fit.isWithinLimits, "\(fit)")
            #expect(abs(fit.correction.offsetDB - offset) < 0.3 && abs(fit.correction.slopeDBPerDecade - slope) < 0.5, "\(fit)")
            // Least squares leaves at most what the true correction leaves (the ±1 dB), and the fit is close to it.
            #expect(fit.rmsAfterDB <= 1 + 1e-9 && fit.rmsAfterDB > 0.95 && fit.rmsBeforeDB > fit.rmsAfterDB + 0.3, "\(fit)")
            #expect(fit.correction.fromKm < 0.5 && fit.correction.toKm > 7 && fit.correction.toKm <= 8.2, "\(fit)")
            // The ±1 dB over a hundred points and more: intervals of a few tenths of a dB.
            let offsetInterval = try #require(fit.offsetCI95DB), slopeInterval = try #require(fit.slopeCI95DBPerDecade)
            #expect(offsetInterval > 0.05 && offsetInterval < 0.5 && slopeInterval > 0.05 && slopeInterval < 0.8, "\(fit)")
        }
        let calibration = try ModelCalibration.load(folder + "/first/calibration.csv", for: .itm)
        #expect(calibration.corrections.count == 2)
        for (read, fit) in zip(calibration.corrections, fitted.fits) {
            #expect(read.technology == fit.correction.technology && abs(read.offsetDB - fit.correction.offsetDB) <= 0.005)
            #expect(abs(read.slopeDBPerDecade - fit.correction.slopeDBPerDecade) <= 0.005 && abs(read.toKm - fit.correction.toKm) <= 0.0005)
        }
        let calibrated = try run(in: folder, name: "calibrated", calibration: calibration)
        #expect(calibrated.summary.calibration == calibration)
        #expect(calibrated.summary.unionAreaKm2 != base.summary.unionAreaKm2)
        let again = try DriveTest.run(request(calibrated.path, "again"))
        let mean = try #require(again.errors.meanDB)
        #expect(abs(mean) < 0.05 && abs((again.errors.rmsDB ?? 0) - 1) < 0.05, "\(again.errors)")
        let refitted = try #require(again.calibration)
        #expect(refitted.replaces == folder + "/first/calibration.csv")
        for (refit, fit) in zip(refitted.fits, fitted.fits) {
            #expect(abs(refit.correction.offsetDB - fit.correction.offsetDB) < 0.01, "\(refit) against \(fit)")
            #expect(abs(refit.correction.slopeDBPerDecade - fit.correction.slopeDBPerDecade) < 0.01, "\(refit) against \(fit)")
            #expect(abs(refit.rmsBeforeDB - fit.rmsBeforeDB) < 0.01, "the errors against the model alone, as before")
        }
    }

    @Test("""
        Without a site field, or with fewer than ten points of a technology, no correction is fitted (and an earlier \
        drive test's calibration.csv in the folder is removed); a drive test's points within a factor of two in \
        distance fit the mean alone
        """)
    func calibrationNeedsSitesAndSpread() throws {
        let folder = try temporaryFolder("drivetest-calibration-limits")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let base = try run(in: folder)
        let points = try measurements(of: base, truth: ["2G": (4, -5), "4G": (-6, 3)], into: folder + "/drive.csv")
        let strongest = try DriveTest.run(DriveTest.Request(
            runFolder: base.path, measurementsPath: points, valueField: "rxlev", siteField: nil, outputDirectory: folder + "/strongest"
        ))
        #expect(strongest.calibration == nil && !FileManager.default.fileExists(atPath: folder + "/strongest/calibration.csv"))
        // Into a folder where a drive test with a site field wrote calibration.csv, one without takes it away: no
        // earlier correction stands beside a report that fitted none.
        for siteField in ["cell", nil] {
            _ = try DriveTest.run(DriveTest.Request(
                runFolder: base.path, measurementsPath: points, valueField: "rxlev", siteField: siteField, outputDirectory: folder + "/again"
            ))
            #expect(FileManager.default.fileExists(atPath: folder + "/again/calibration.csv") == (siteField != nil), "\(siteField ?? "no site field")")
        }
        #expect(FileManager.default.fileExists(atPath: folder + "/again/drive_test.json"))
        // The 2G site's points 3–5 km away (within a factor of two) and nine of the 4G site's.
        let site = try #require(base.summary.siteAreas.first { $0.technology == "2G" })
        let location = GeoPoint(latitude: site.latitude, longitude: site.longitude)
        var lines = try String(contentsOfFile: points, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        let ring = lines.filter { line in
            let fields = line.split(separator: ",")
            let kilometres = GeoPoint(latitude: Double(fields[1])!, longitude: Double(fields[0])!).distance(to: location) / 1_000
            return fields[3] == "NH-1" && (3...5).contains(kilometres)
        }
        let few = lines.filter { $0.hasSuffix(",NH-2") }.prefix(9)
        try ([header] + ring + few).joined(separator: "\n").write(toFile: folder + "/ring.csv", atomically: true, encoding: .utf8)
        let report = try DriveTest.run(DriveTest.Request(
            runFolder: base.path, measurementsPath: folder + "/ring.csv", valueField: "rxlev", siteField: "cell", outputDirectory: folder + "/ring"
        ))
        let calibration = try #require(report.calibration)
        #expect(calibration.tooFewPoints == ["4G"] && calibration.fits.count == 1)
        let fit = try #require(calibration.fits.first)
        #expect(!fit.slopeFitted && fit.correction.slopeDBPerDecade == 0 && ring.count >= 10)
        // The mean alone: the 2G site's errors' mean over the ring.
        let errors = try #require(report.sites.first { $0.id == "NH-1" }?.errors)
        #expect(abs(fit.correction.offsetDB - (errors.meanDB ?? .nan)) < 1e-9)
    }

    @Test("""
        phusong drive-test prints each technology's correction and writes calibration.csv; footprint --calibration and \
        a batch scenario's calibration add it (the same union and residents), printed, and a claim made with it verifies; a calibration fitted for another model, and \
        malformed files, are refused naming the file and the line, with nothing written
        """)
    func calibrationCommands() throws {
        let folder = try temporaryFolder("drivetest-calibration-cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let base = try run(in: folder)
        let points = try measurements(of: base, truth: ["2G": (4, -5), "4G": (-6, 3)], into: folder + "/drive.csv")
        let drive = try runProgram(phusongExecutable, [
            "drive-test", "--run", base.path, "--measurements", points, "--value-field", "rxlev", "--site-field", "cell", "--out", folder + "/drive",
        ])
        #expect(drive.status == 0, "\(drive.stderr)")
        #expect(drive.stdout.contains("Calibration of itm (measured − model; ± the 95 % intervals, points taken as independent):\n  2G  +"), "\(drive.stdout)")
        let driveReport = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/drive/drive_test.json"))) as? [String: Any])
        let fits = try #require((driveReport["calibration"] as? [String: Any])?["fits"] as? [[String: Any]])
        for fit in fits {
            let offset = try #require(fit["offset_ci95_db"] as? Double), slope = try #require(fit["slope_ci95_db_per_decade"] as? Double)
            #expect(drive.stdout.contains(String(format: "%+.2f ± %.2f dB %+.2f ± %.2f dB per decade", fit["offset_db"] as? Double ?? 0, offset, fit["slope_db_per_decade"] as? Double ?? 0, slope)), "\(drive.stdout)")
        }
        #expect(drive.stdout.contains("\(folder)/drive/calibration.csv"), "\(drive.stdout)")
        let calibration = folder + "/drive/calibration.csv"
        let terrain = SharedData.path("terrain/N44W072.hgt"), sites = Fixtures.path("sites/nh_two_sites.geojson")
        func footprint(_ name: String, model: String = "itm", calibration file: String) throws -> ProgramOutput {
            try runProgram(phusongExecutable, [
                "footprint", "--terrain", terrain, "--sites", sites, "--model", model, "--radius-km", "8", "--calibration", file,
                "--out", folder + "/" + name,
            ])
        }
        let calibrated = try footprint("calibrated", calibration: calibration)
        #expect(calibrated.status == 0 && calibrated.stdout.contains("  calibrated by \(calibration): 2G +"), "\(calibrated.stdout)\(calibrated.stderr)")
        let summary = try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/calibrated/summary.json")))
        #expect(summary.calibration == (try ModelCalibration.load(calibration, for: .itm)))
        // A scenario's calibration: an evaluation of Bát Xát, by batch and by the command, 3 dB down for every technology.
        try "model,technology,offset_db\nitm,all,-3\n".write(toFile: folder + "/down.csv", atomically: true, encoding: .utf8)
        let batxat = SharedData.path("terrain/batxat_copernicus_glo30.tif"), communes = SharedData.path("population/laocai_communes_census2009.geojson")
        let operators = Fixtures.path("sites/batxat_operators.csv")
        try """
            scenarios:
              batxat: {terrain: \(batxat), population: \(communes), model: itm, radius_km: 8, resolution_m: 90, max_void_fraction: 0.7, calibration: \(folder)/down.csv}
            jobs:
              - {id: down, type: evaluate, scenario: batxat, sites: \(operators)}
            """.write(toFile: folder + "/batch.yaml", atomically: true, encoding: .utf8)
        let batch = try runProgram(phusongExecutable, ["batch", folder + "/batch.yaml", "--out", folder + "/batch"])
        #expect(batch.status == 0, "\(batch.stderr)")
        func evaluation(_ options: [String]) throws -> FootprintSummary {
            let out = folder + "/evaluate-\(options.count)"
            let run = try runProgram(phusongExecutable, [
                "evaluate", "--terrain", batxat, "--sites", operators, "--population", communes, "--model", "itm", "--radius-km", "8",
                "--resolution-m", "90", "--max-void-fraction", "0.7", "--out", out,
            ] + options)
            #expect(run.status == 0, "\(run.stderr)")
            return try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
        }
        let down = try evaluation(["--calibration", folder + "/down.csv"]), plain = try evaluation([])
        let job = try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/batch/jobs/down/summary.json")))
        #expect(job.unionAreaKm2 == down.unionAreaKm2 && job.calibration?.corrections == down.calibration?.corrections)
        let covered = { (summary: FootprintSummary) in summary.residents?.total.coveredResidents["any"] ?? .nan }
        #expect(down.unionAreaKm2 < plain.unionAreaKm2 && covered(down) < covered(plain), "3 dB less reaches fewer cells")
        // A claim made with the calibration verifies, its report naming it.
        let province = try #require(down.residents?.provinces.first?.figures)
        let claimed = ((province.coveredResidents["any"] ?? 0) / province.residents * 10_000).rounded() / 100
        let scenario: [String: Any] = [
            "terrain": batxat, "sites": operators, "population": communes, "model": "itm", "radius_km": 8, "resolution_m": 90,
            "max_void_fraction": 0.7, "calibration": folder + "/down.csv",
        ]
        try JSONSerialization.data(withJSONObject: ["scenario": scenario, "claimed": ["province": ["any": claimed]]])
            .write(to: URL(fileURLWithPath: folder + "/claim.json"))
        let verified = try runProgram(phusongExecutable, ["verify", "--claim", folder + "/claim.json", "--out", folder + "/verified"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let report = try String(contentsOfFile: folder + "/verified/verification.md", encoding: .utf8)
        #expect(report.contains("- model calibrated by `\(folder)/down.csv`: all -3.00 dB\n"), "\(report)")
        let other = try footprint("other", model: "hata", calibration: calibration)
        #expect(other.status == 1 && other.stderr.contains("\(calibration): line 2: fitted for itm, but the run's model is hata"), "\(other.stderr)")
        let faults = [
            ("technology,offset_db\n4G,3\n", "needs the columns model, technology, offset_db"),
            ("model,technology,offset_db\nitm,6G,3\n", "line 2: technology '6G' is not 2G, 3G, 4G, 5G or all"),
            ("model,technology,offset_db\nitm,4G,3\nitm,LTE,2\n", "line 3: 4G is listed twice"),
            ("model,technology,offset_db\nitm,all,55\n", "line 2: offset_db '55' is not a number within -40–40"),
            ("model,technology,offset_db,slope_db_per_decade\nitm,all,1,-4\n", "line 2: a slope needs from_km and to_km"),
            ("model,technology,offset_db,slope_db_per_decade,from_km,to_km\nitm,all,1,-4,5,2\n", "line 2: from_km 5 is not below to_km 2"),
            ("model,technology,offset_db\n", "lists no correction"),
            ("model,technology,offset_db\nokumura,all,3\n", "line 2: model 'okumura' is not one of"),
        ]
        for (index, (text, reason)) in faults.enumerated() {
            let file = folder + "/fault\(index).csv"
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            let refused = try footprint("fault\(index)", calibration: file)
            #expect(refused.status == 1 && refused.stderr.contains("\(file): \(reason)"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/fault\(index)"))
        }
    }
}
