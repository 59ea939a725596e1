import Foundation
import TestSupport
import Testing
import Workflows

/// `--sunset`: the residents and area switching technologies off leaves without coverage, on the Lào Cai communes and
/// the Bát Xát DEM.
@Suite("Switching technologies off (--sunset)", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct SunsetTests {
    let terrain = SharedData.path("terrain/batxat_copernicus_glo30.tif")
    let communes = SharedData.path("population/laocai_communes_census2009.geojson")

    /// `phusong evaluate` of a 2G site (covering nowhere unless `gsmCovers`: its threshold 100 dBm) and a 4G site,
    /// line of sight over 8 km at 90 m, into `out`.
    func evaluate(in folder: String, gsmCovers: Bool, into out: String, _ options: [String] = []) throws -> ProgramOutput {
        let sites = folder + "/sites-\(gsmCovers).csv"
        try """
            id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology,threshold_dbm
            BX-1,22.53,103.88,30,900,60,2G,\(gsmCovers ? "" : "100")
            BX-2,22.50,103.83,30,1800,58,4G,

            """.write(toFile: sites, atomically: true, encoding: .utf8)
        return try runProgram(phusongExecutable, [
            "evaluate", "--terrain", terrain, "--sites", sites, "--population", communes, "--model", "los", "--radius-km", "8",
            "--resolution-m", "90", "--max-void-fraction", "0.7", "--out", out,
        ] + options)
    }

    func summary(_ folder: String) throws -> FootprintSummary {
        try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json")))
    }

    /// `communes.csv` as rows of named fields, by commune id.
    func communeRows(_ folder: String) throws -> [String: [String: String]] {
        let lines = try String(contentsOfFile: folder + "/communes.csv", encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        return Dictionary(uniqueKeysWithValues: lines.dropFirst().map { row in (row[0], Dictionary(uniqueKeysWithValues: zip(lines[0], row))) })
    }

    @Test("""
        With --sunset 2G, each commune's residents losing coverage are those the run covers less those a run whose 2G \
        site covers nowhere (threshold 100 dBm) covers, on the same grid; the total, its share, the area (the difference of the two unions), \
        the communes left without coverage, coverage.geojson's sunset_loss, coverage.kmz's placemark and the printed line agree
        """)
    func residentsLosingCoverage() throws {
        let folder = try temporaryFolder("sunset")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let now = try evaluate(in: folder, gsmCovers: true, into: folder + "/now", ["--sunset", "2G"])
        let after = try evaluate(in: folder, gsmCovers: false, into: folder + "/after")
        #expect(now.status == 0 && after.status == 0, "\(now.stderr)\(after.stderr)")
        let rowsNow = try communeRows(folder + "/now"), rowsAfter = try communeRows(folder + "/after")
        var total = 0.0, left: [String] = []
        for (id, row) in rowsNow {
            let covered = Double(row["covered_residents_any"] ?? "") ?? -1, kept = Double(rowsAfter[id]?["covered_residents_any"] ?? "") ?? -1
            let losing = try #require(Double(row["residents_losing_coverage"] ?? ""), "\(id)")
            #expect(abs(losing - (covered - kept)) <= 0.02, "commune \(id): \(losing) against \(covered) − \(kept)")
            total += losing
            if covered > 0, kept == 0 { left.append(id) }
        }
        let sunset = try #require(try summary(folder + "/now").sunset)
        let residents = try #require(try summary(folder + "/now").residents?.total.residents)
        #expect(sunset.technologies == ["2G"] && sunset.residentsLosingCoverage > 100, "\(sunset)")
        #expect(abs(sunset.residentsLosingCoverage - total) <= 0.01 * Double(rowsNow.count))
        #expect(abs(try #require(sunset.residentsPercentLosingCoverage) - 100 * sunset.residentsLosingCoverage / residents) < 1e-9)
        #expect(sunset.communesLeftWithoutCoverage.sorted() == left.sorted())
        let unions = (try summary(folder + "/now").unionAreaKm2, try summary(folder + "/after").unionAreaKm2)
        #expect(abs(sunset.areaKm2 - (unions.0 - unions.1)) < 1e-6 * unions.0 && sunset.areaKm2 > 1, "\(sunset.areaKm2) km² against \(unions)")
        let collection = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/now/coverage.geojson"))) as? [String: Any])
        let loss = try #require((collection["features"] as? [[String: Any]])?.first { ($0["properties"] as? [String: Any])?["kind"] as? String == "sunset_loss" })
        #expect((loss["properties"] as? [String: Any])?["area_km2"] as? Double == sunset.areaKm2)
        #expect(now.stdout.contains(String(format: "switching off 2G: %.0f residents", sunset.residentsLosingCoverage)), "\(now.stdout)")
        let kmz = try runProgram("ogrinfo", ["-al", folder + "/now/coverage.kmz", "Coverage"])
        #expect(kmz.status == 0 && kmz.stdout.contains("Name (String) = Lost switching off 2G"), "\(kmz.stdout)\(kmz.stderr)")
        #expect(kmz.stdout.contains(String(format: "description (String) = %.2f km²", sunset.areaKm2)), "\(kmz.stdout)")
        #expect(try summary(folder + "/after").sunset == nil && rowsAfter.values.first?["residents_losing_coverage"] == nil)
    }

    @Test("""
        A claimed share of residents losing coverage to a sunset, province and commune, passes as the operator's own \
        evaluation gives it and fails 2 points off; claimed without the scenario's sunset it is refused
        """)
    func sunsetClaims() throws {
        let folder = try temporaryFolder("sunset-claim")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let operatorRun = try evaluate(in: folder, gsmCovers: true, into: folder + "/operator", ["--sunset", "2G"])
        #expect(operatorRun.status == 0, "\(operatorRun.stderr)")
        let sunset = try #require(try summary(folder + "/operator").sunset)
        let province = try #require(sunset.residentsPercentLosingCoverage)
        let (commune, share) = try #require(sunset.residentsPercentByCommune.filter { $0.value > 0 && $0.value < 100 }.min { $0.key < $1.key })
        func verify(_ name: String, claimed: [String: Any], sunset: [String]? = ["2G"]) throws -> ProgramOutput {
            var scenario: [String: Any] = [
                "terrain": terrain, "sites": folder + "/sites-true.csv", "population": communes, "model": "los", "radius_km": 8,
                "resolution_m": 90, "max_void_fraction": 0.7,
            ]
            scenario["sunset"] = sunset
            try JSONSerialization.data(withJSONObject: ["scenario": scenario, "claimed": ["sunset": claimed]]).write(to: URL(fileURLWithPath: folder + "/\(name).json"))
            return try runProgram(phusongExecutable, ["verify", "--claim", folder + "/\(name).json", "--out", folder + "/" + name])
        }
        let honest = try verify("honest", claimed: ["province": (province * 100).rounded() / 100, "communes": [commune: (share * 100).rounded() / 100]])
        #expect(honest.status == 0 && honest.stdout.contains("losing coverage switching off 2G · commune \(commune)"), "\(honest.stdout)\(honest.stderr)")
        let lowered = try verify("lowered", claimed: ["province": province - 2])
        #expect(lowered.status == 1 && lowered.stdout.contains("FAIL"), "\(lowered.stdout)\(lowered.stderr)")
        let without = try verify("without", claimed: ["province": province], sunset: nil)
        #expect(without.status == 2 && without.stderr.contains("claimed.sunset: needs the scenario's sunset"), "\(without.stderr)")
    }

    @Test("--sunset of an unknown technology, or of all four, is refused before any work; so is a scenario's")
    func refusals() throws {
        let folder = try temporaryFolder("sunset-refused")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for value in ["6G", "2G,3G,4G,5G", ""] {
            let refused = try evaluate(in: folder, gsmCovers: true, into: folder + "/out", ["--sunset", value])
            #expect(refused.status != 0 && refused.stderr.contains("--sunset must name technologies (2G, 3G, 4G, 5G)"), "\(value): \(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        }
        let claim = folder + "/claim.json"
        try """
            {"scenario": {"terrain": "\(terrain)", "sites": "\(folder)/sites-true.csv", "population": "\(communes)", "sunset": ["GSM", "UMTS", "LTE", "NR"]},
             "claimed": {"province": {"any": 90}}}
            """.write(toFile: claim, atomically: true, encoding: .utf8)
        let result = try runProgram(phusongExecutable, ["verify", "--claim", claim, "--out", folder + "/verified"])
        #expect(result.status == 2 && result.stderr.contains("scenario.sunset: must list technologies (2G, 3G, 4G, 5G) and leave one on the air"), "\(result.stderr)")
    }
}
