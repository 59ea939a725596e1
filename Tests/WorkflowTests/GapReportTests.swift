import Foundation
import Terrain
import TestSupport
import Testing
import Workflows

/// `phusong evaluate`'s gaps in the coverage of residents, on the Bát Xát DEM and the Lào Cai communes: the GeoPackage's
/// outlines burnt back onto the grid with `gdal_rasterize` and checked cell by cell against `residents.tif` and
/// `best_server.tif`.
@Suite("Gaps in the coverage of residents (gaps.csv)", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct GapReportTests {
    let sites = Fixtures.path("sites/batxat_operators.csv")
    let terrain = SharedData.path("terrain/batxat_copernicus_glo30.tif")
    let communes = SharedData.path("population/laocai_communes_census2009.geojson")

    /// `phusong evaluate` of the fixture's sites (or `siteFile`), ITM over 8 km at 90 m, into `out`.
    func evaluate(into out: String, siteFile: String? = nil, _ options: [String] = []) throws -> ProgramOutput {
        try runProgram(phusongExecutable, [
            "evaluate", "--terrain", terrain, "--sites", siteFile ?? sites, "--population", communes, "--model", "itm", "--radius-km", "8",
            "--resolution-m", "90", "--max-void-fraction", "0.7", "--out", out,
        ] + options)
    }

    func summary(_ folder: String) throws -> FootprintSummary {
        try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json")))
    }

    /// The GeoPackage's gap outlines burnt onto the run's grid into `name`.tif with `burning` (`gdal_rasterize`'s options).
    func burntGaps(_ folder: String, into name: String, burning: [String]) throws -> [Int] {
        let frame = try DEMSource.open(folder + "/residents.tif").describe().frame
        let right = frame.cornerX + Double(frame.width) * frame.pixelWidth, bottom = frame.cornerY - Double(frame.height) * frame.pixelHeight
        let burnt = try runProgram("gdal_rasterize", [
            "-q", "-sql", "SELECT CAST(substr(gap, 2) AS INTEGER) AS k, geom FROM gaps", "-ot", "Int32", "-init", "0",
            "-te", "\(frame.cornerX)", "\(bottom)", "\(right)", "\(frame.cornerY)", "-ts", "\(frame.width)", "\(frame.height)",
        ] + burning + [folder + "/coverage.gpkg", folder + "/\(name).tif"])
        #expect(burnt.status == 0, "\(burnt.stderr)")
        return try rasterValues(folder + "/\(name).tif").map(Int.init)
    }

    /// Great-circle distance in km on the mean Earth radius (haversine).
    func kilometres(_ a: (lat: Double, lon: Double), _ b: (lat: Double, lon: Double)) -> Double {
        let radians = Double.pi / 180
        let h = pow(sin((b.lat - a.lat) * radians / 2), 2) + cos(a.lat * radians) * cos(b.lat * radians) * pow(sin((b.lon - a.lon) * radians / 2), 2)
        return 2 * 6_371.0088 * asin(h.squareRoot())
    }

    @Test("""
        With no minimum, the gaps hold exactly the cells with residents that no site covers; each commune's gaps hold its \
        residents not covered; each gap lying on cells of its own (not shared with an overlapping commune's) has the \
        residents and area of its cells, is 4-connected, holds its centre and touches only other communes' gaps; each \
        gap's nearest site is the nearest of the list; most residents first
        """)
    func gapsCellByCell() throws {
        let folder = try temporaryFolder("gaps")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try evaluate(into: folder + "/all", ["--gap-min-residents", "0"])
        #expect(run.status == 0, "\(run.stderr)")
        let out = folder + "/all"
        let rows = try csvTable(out + "/gaps.csv")
        let figures = try #require(try summary(out).gaps)
        #expect(rows.count == figures.count && figures.smallerGaps == 0 && rows.count > 100, "\(rows.count) gaps")
        let frame = try DEMSource.open(out + "/residents.tif").describe().frame
        let width = frame.width, cellKm2 = frame.pixelWidth * frame.pixelWidth / 1e6
        let residents = try rasterValues(out + "/residents.tif"), servers = try rasterValues(out + "/best_server.tif")
        // Where two communes' outlines overlap, a cell holds residents of both, and each commune's gap may hold it: the
        // gaps on each cell are counted, and the last one burnt kept.
        let gapsOnCell = try burntGaps(out, into: "gap_counts", burning: ["-burn", "1", "-add"])
        let gapOfCell = try burntGaps(out, into: "gaps", burning: ["-a", "k"])
        var ownCells = [Int: [Int]](), shared = 0
        for cell in gapOfCell.indices {
            let uncoveredResidents = residents[cell] > 0 && !(servers[cell] > 0)
            #expect((gapsOnCell[cell] > 0) == uncoveredResidents, "cell \(cell): \(gapsOnCell[cell]) gaps, residents \(residents[cell]), server \(servers[cell])")
            if gapsOnCell[cell] == 1 { ownCells[gapOfCell[cell], default: []].append(cell) }
            if gapsOnCell[cell] > 1 { shared += 1 }
        }
        let siteRows = try csvTable(sites)
        var uncoveredByCommune = [String: (residents: Double, gaps: Int)](), checked: [Int] = []
        for (index, row) in rows.enumerated() {
            let gapResidents = Double(row["residents"]!)!
            #expect(row["gap"] == "G\(index + 1)" && row["technology"] == "any")
            if index > 0 { #expect(Double(rows[index - 1]["residents"]!)! >= gapResidents) }
            uncoveredByCommune[row["commune_id"]!, default: (0, 0)].residents += gapResidents
            uncoveredByCommune[row["commune_id"]!, default: (0, 0)].gaps += 1
            // Its nearest site, of the list's.
            let centre = (lat: Double(row["lat"]!)!, lon: Double(row["lon"]!)!)
            let nearest = siteRows.map { (id: $0["id"]!, km: kilometres(centre, (Double($0["lat"]!)!, Double($0["lon"]!)!))) }.min { $0.km < $1.km }!
            #expect(abs(nearest.km - Double(row["nearest_site_km"]!)!) < 0.002, "\(row)")
            #expect(siteRows.first { $0["id"] == row["nearest_site"] }.map { abs(kilometres(centre, (Double($0["lat"]!)!, Double($0["lon"]!)!)) - nearest.km) < 1e-9 } == true)
            // A gap on cells of its own: its residents and area are theirs, and they are one 4-connected piece.
            let cells = ownCells[index + 1] ?? []
            guard abs(Double(cells.count) * cellKm2 - Double(row["area_km2"]!)!) < 1e-4 else { continue }
            checked.append(index)
            #expect(abs(cells.reduce(0) { $0 + Double(residents[$1]) } - gapResidents) < 0.006 + 1e-5 * gapResidents, "\(row)")
            let members = Set(cells)
            var reached: Set = [cells[0]], frontier = [cells[0]]
            while let cell = frontier.popLast() {
                for next in [cell - 1, cell + 1, cell - width, cell + width] where members.contains(next) && !reached.contains(next) {
                    if (next == cell - 1 || next == cell + 1) && next / width != cell / width { continue }
                    reached.insert(next)
                    frontier.append(next)
                }
            }
            #expect(reached.count == cells.count, "\(row["gap"]!): \(reached.count) of \(cells.count) cells connected")
        }
        // Overlapping outlines are the exception: nearly every gap is checked cell by cell.
        #expect(checked.count * 10 >= rows.count * 9 && shared * 100 < gapsOnCell.filter { $0 > 0 }.count, "\(checked.count) of \(rows.count) gaps; \(shared) cells shared")
        // Gaps that touch belong to different communes.
        let communeOfGap = rows.map { $0["commune_id"]! }
        for cell in gapOfCell.indices where gapsOnCell[cell] == 1 {
            for next in [cell + 1, cell + width] where next < gapOfCell.count && gapsOnCell[next] == 1 && gapOfCell[next] != gapOfCell[cell] {
                if next == cell + 1 && next % width == 0 { continue }
                #expect(communeOfGap[gapOfCell[cell] - 1] != communeOfGap[gapOfCell[next] - 1], "gaps \(gapOfCell[cell]) and \(gapOfCell[next]) touch in one commune")
            }
        }
        for commune in try csvTable(out + "/communes.csv") where Double(commune["residents"]!)! > 0 {
            // Each figure of the CSV files is rounded to hundredths.
            let uncovered = Double(commune["residents"]!)! - Double(commune["covered_residents_any"]!)!
            let gaps = uncoveredByCommune[commune["commune_id"]!] ?? (0, 0)
            #expect(abs(gaps.residents - uncovered) <= 0.01 + 0.005 * Double(gaps.gaps) + 1e-9, "\(commune["commune"]!)")
        }
        // Each centre lies in its own gap: gdallocationinfo reads the burnt raster at every centre at once.
        let centres = checked.map { "\(rows[$0]["lon"]!) \(rows[$0]["lat"]!)" }.joined(separator: "\n") + "\n"
        let located = try runProgram("gdallocationinfo", ["-valonly", "-wgs84", out + "/gaps.tif"], input: centres)
        #expect(located.stdout.split(separator: "\n").map(String.init) == checked.map { "\($0 + 1)" }, "\(located.stdout)\(located.stderr)")
    }
}

extension GapReportTests {
    @Test("""
        --gap-min-residents lists the gaps at the minimum or above, the same as with none, and counts the rest; the \
        printed lines, the KMZ's folder, the GeoPackage's style and a batch job's figure agree; --gap-technology 4G leaves \
        out every resident 4G does not cover; a technology unknown or a minimum below zero is refused
        """)
    func minimumTechnologyAndOutputs() throws {
        let folder = try temporaryFolder("gaps-options")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let all = try evaluate(into: folder + "/all", ["--gap-min-residents", "0"])
        let listed = try evaluate(into: folder + "/listed")
        #expect(all.status == 0 && listed.status == 0, "\(all.stderr)\(listed.stderr)")
        let every = try csvTable(folder + "/all/gaps.csv"), rows = try csvTable(folder + "/listed/gaps.csv")
        let figures = try #require(try summary(folder + "/listed").gaps)
        let large = every.filter { Double($0["residents"]!)! >= 50 }
        #expect(figures.minResidents == 50 && rows.count == figures.count && !rows.isEmpty && rows.count < every.count)
        #expect(rows.map { $0["residents"]! } == large.map { $0["residents"]! } && rows.map { $0["commune_id"]! } == large.map { $0["commune_id"]! })
        #expect(figures.smallerGaps == every.count - large.count)
        let smaller = every.dropFirst(large.count).reduce(0) { $0 + Double($1["residents"]!)! }
        #expect(abs(figures.smallerGapsResidents - smaller) < 0.005 * Double(figures.smallerGaps) + 1e-9)
        #expect(figures.largest.map(\.gap) == Array(rows.prefix(10)).map { $0["gap"]! })
        let first = try #require(figures.largest.first)
        #expect(figures.largestResidents == first.residents)
        // A minimum over every gap lists none, yet the summary keeps the largest's residents.
        let none = try evaluate(into: folder + "/none", ["--gap-min-residents", "1000000"])
        let noneListed = try #require(try summary(folder + "/none").gaps)
        #expect(none.status == 0 && noneListed.count == 0 && noneListed.largest.isEmpty && noneListed.largestResidents == first.residents, "\(none.stderr)")
        #expect(try csvTable(folder + "/none/gaps.csv").isEmpty && noneListed.smallerGaps == every.count)
        #expect(listed.stdout.contains(String(
            format: "the largest, G1: %.0f residents in %@ (%@), %.2f km², around lat %.5f, lon %.5f, %.1f km from %@", first.residents,
            first.commune, first.communeID, first.areaKm2, first.latitude, first.longitude, first.nearestSiteKm!, first.nearestSite!
        )), "\(listed.stdout)")
        #expect(listed.stdout.contains(String(format: "%d of 50 residents or more hold %.0f residents; %d smaller ones %.0f", figures.count, figures.residents, figures.smallerGaps, figures.smallerGapsResidents)), "\(listed.stdout)")
        // Google Earth's folder "Gaps" holds each listed gap, and QGIS finds the GeoPackage layer's style.
        let kmz = try runProgram("ogrinfo", ["-al", folder + "/listed/coverage.kmz", "Gaps"])
        #expect(kmz.stdout.contains("Feature Count: \(rows.count)\n"), "\(kmz.stdout)\(kmz.stderr)")
        #expect(kmz.stdout.contains(String(format: "Name (String) = G1: %.0f residents\n", first.residents)), "\(kmz.stdout)")
        let styles = try runProgram("ogrinfo", ["-q", "-sql", "SELECT f_table_name FROM layer_styles", folder + "/listed/coverage.gpkg"])
        #expect(styles.stdout.contains("f_table_name (String) = gaps"), "\(styles.stdout)")

        // 4G's gaps hold every resident 4G leaves out.
        let lte = try evaluate(into: folder + "/lte", ["--gap-technology", "LTE", "--gap-min-residents", "200"])
        #expect(lte.status == 0, "\(lte.stderr)")
        let lteSummary = try summary(folder + "/lte"), lteGaps = try #require(lteSummary.gaps), total = try #require(lteSummary.residents).total
        #expect(lteGaps.technology == "4G" && lteGaps.minResidents == 200 && lteGaps.residents > figures.residents)
        #expect(abs(lteGaps.residents + lteGaps.smallerGapsResidents - (total.residents - total.coveredResidents["4G"]!)) < 1e-6 * total.residents)
        #expect(try csvTable(folder + "/lte/gaps.csv").allSatisfy { $0["technology"] == "4G" && Double($0["residents"]!)! >= 200 })

        // A batch job gives the same gaps and its figure; a plan job the largest gap its after/ leaves.
        try """
            scenarios:
              batxat: {terrain: \(terrain), population: \(communes), model: itm, radius_km: 8, resolution_m: 90, max_void_fraction: 0.7, gap_technology: 4G, gap_min_residents: 200}
            jobs:
              - {id: gaps, type: evaluate, scenario: batxat, sites: \(sites)}
              - {id: plan, type: plan, scenario: batxat, sites: \(Fixtures.path("sites/batxat_candidates.csv")), budget: 150}
            """.write(toFile: folder + "/batch.yaml", atomically: true, encoding: .utf8)
        let batch = try runProgram(phusongExecutable, ["batch", folder + "/batch.yaml", "--out", folder + "/batch"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let jobs = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/batch/batch.json"))) as? [String: Any])
        let jobFigures = (jobs["jobs"] as? [[String: Any]] ?? []).map { $0["figures"] as? [String: Any] ?? [:] }
        #expect(jobFigures.first?["largest_gap_residents"] as? Double == lteGaps.largestResidents, "\(jobFigures)")
        let planAfter = try #require(try summary(folder + "/batch/jobs/plan/after").gaps)
        #expect(jobFigures.last?["largest_gap_residents"] as? Double == planAfter.largestResidents && planAfter.technology == "4G", "\(jobFigures)")
        #expect(try String(contentsOfFile: folder + "/batch/jobs/gaps/gaps.csv", encoding: .utf8) == String(contentsOfFile: folder + "/lte/gaps.csv", encoding: .utf8))

        // Refusals, before any work.
        let unknown = try evaluate(into: folder + "/unknown", ["--gap-technology", "6G"])
        #expect(unknown.status == 64 && unknown.stderr.contains("--gap-technology must be 2G, 3G, 4G or 5G (or GSM, UMTS/WCDMA, LTE or NR), not '6G'"), "\(unknown.stderr)")
        let negative = try evaluate(into: folder + "/negative", ["--gap-min-residents", "-1"])
        #expect(negative.status == 64 && negative.stderr.contains("--gap-min-residents must not be negative"), "\(negative.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/unknown") && !FileManager.default.fileExists(atPath: folder + "/negative"))
        try String(contentsOfFile: folder + "/batch.yaml", encoding: .utf8).replacingOccurrences(of: "gap_technology: 4G", with: "gap_technology: 6G")
            .write(toFile: folder + "/refused.yaml", atomically: true, encoding: .utf8)
        let refused = try runProgram(phusongExecutable, ["batch", folder + "/refused.yaml", "--out", folder + "/refused"])
        #expect(refused.status != 0 && refused.stderr.contains("gap_technology: must be 2G, 3G, 4G or 5G"), "\(refused.stderr)")
    }
}

extension GapReportTests {
    @Test("""
        plan.json gives the residents of the largest gap with the sites on air and with the plan: before/'s and after/'s \
        gaps.csv's first, printed; closing a gap, the plan leaves a smaller largest one
        """)
    func planGaps() throws {
        let folder = try temporaryFolder("gaps-plan")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan = try runProgram(phusongExecutable, [
            "plan", "--terrain", terrain, "--sites", Fixtures.path("sites/batxat_candidates.csv"), "--population", communes,
            "--model", "itm", "--radius-km", "8", "--resolution-m", "90", "--max-void-fraction", "0.7", "--budget", "150", "--out", folder,
        ])
        #expect(plan.status == 0, "\(plan.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/plan.json"))) as? [String: Any])
        let largestBefore = try #require(try csvTable(folder + "/before/gaps.csv").first), largestAfter = try #require(try csvTable(folder + "/after/gaps.csv").first)
        let before = try #require(Double(largestBefore["residents"]!)), after = try #require(Double(largestAfter["residents"]!))
        let planBefore = try #require(json["largest_gap_residents_before"] as? Double), planAfter = try #require(json["largest_gap_residents_after"] as? Double)
        #expect(abs(planBefore - before) < 0.005 && abs(planAfter - after) < 0.005 && planAfter < planBefore, "\(planBefore) → \(planAfter)")
        #expect(plan.stdout.contains(String(format: "  residents in the largest gap in coverage: %.0f with the plan, %.0f with the sites on air (after/gaps.csv)", planAfter, planBefore)), "\(plan.stdout)")
    }
}

extension GapReportTests {
    @Test("""
        A claim that no gap holds more than N residents passes at the largest gap's residents and above, fails below, \
        of the scenario's gap_technology; a negative or missing number is refused
        """)
    func gapClaims() throws {
        let folder = try temporaryFolder("gaps-claim")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let operatorRun = try evaluate(into: folder + "/operator", ["--gap-technology", "4G"])
        #expect(operatorRun.status == 0, "\(operatorRun.stderr)")
        let largest = try #require(try summary(folder + "/operator").gaps).largestResidents
        func verify(_ name: String, claimed: Any) throws -> ProgramOutput {
            let scenario: [String: Any] = [
                "terrain": terrain, "sites": sites, "population": communes, "model": "itm", "radius_km": 8, "resolution_m": 90,
                "max_void_fraction": 0.7, "gap_technology": "4G",
            ]
            try JSONSerialization.data(withJSONObject: ["scenario": scenario, "claimed": ["gaps": claimed]]).write(to: URL(fileURLWithPath: folder + "/\(name).json"))
            return try runProgram(phusongExecutable, ["verify", "--claim", folder + "/\(name).json", "--out", folder + "/" + name])
        }
        let honest = try verify("honest", claimed: ["largest_residents": largest.rounded(.up)])
        #expect(honest.status == 0 && honest.stdout.contains("largest gap in coverage · 4G"), "\(honest.stdout)\(honest.stderr)")
        let report = try String(contentsOfFile: folder + "/honest/verification.md", encoding: .utf8)
        #expect(report.contains(String(format: "| largest gap in coverage · 4G | %.2f residents | %.2f residents | %+.2f residents | 0.00 residents | PASS |", largest.rounded(.up), largest, largest.rounded(.up) - largest)), "\(report)")
        let lowered = try verify("lowered", claimed: ["largest_residents": largest - 1])
        #expect(lowered.status == 1 && lowered.stdout.contains("FAIL"), "\(lowered.stdout)\(lowered.stderr)")
        let negative = try verify("negative", claimed: ["largest_residents": -5])
        #expect(negative.status == 2 && negative.stderr.contains("gaps.largest_residents: must be a number of residents, 0 or more"), "\(negative.stderr)")
        let misspelt = try verify("misspelt", claimed: ["largest": 100])
        #expect(misspelt.status == 2 && misspelt.stderr.contains("largest"), "\(misspelt.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/negative") && !FileManager.default.fileExists(atPath: folder + "/misspelt"))
    }
}

extension GapReportTests {
    @Test("""
        --gap-operator VT lists the gaps of VT's sites' coverage: those of a run where the other operators' sites cover \
        nowhere (the same grid), each with the nearest of VT's sites, and a batch job's gap_operator the same; an operator \
        no site names is refused before any work
        """)
    func operatorGaps() throws {
        let folder = try temporaryFolder("gaps-operator")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let own = try evaluate(into: folder + "/vt", ["--gap-operator", "VT", "--gap-min-residents", "0"])
        #expect(own.status == 0, "\(own.stderr)")
        // The same sites, the other operators' covering nowhere (threshold 100 dBm).
        let lines = try String(contentsOfFile: sites, encoding: .utf8).split(separator: "\n").map(String.init)
        try ([lines[0] + ",threshold_dbm"] + lines.dropFirst().map { $0 + ($0.hasSuffix(",VT") ? "," : ",100") } + [""])
            .joined(separator: "\n").write(toFile: folder + "/vt_alone.csv", atomically: true, encoding: .utf8)
        let alone = try evaluate(into: folder + "/alone", siteFile: folder + "/vt_alone.csv", ["--gap-min-residents", "0"])
        #expect(alone.status == 0, "\(alone.stderr)")
        func withoutSites(_ rows: [[String: String]]) -> [[String: String]] {
            rows.map { $0.filter { !["operator", "nearest_site", "nearest_site_km"].contains($0.key) } }
        }
        let rows = try csvTable(folder + "/vt/gaps.csv")
        let aloneRows = try csvTable(folder + "/alone/gaps.csv")
        #expect(!rows.isEmpty && withoutSites(rows) == withoutSites(aloneRows))
        let ownSites = try csvTable(sites).filter { $0["operator"] == "VT" }
        for row in rows {
            let centre = (lat: Double(row["lat"]!)!, lon: Double(row["lon"]!)!)
            let nearest = ownSites.map { kilometres(centre, (Double($0["lat"]!)!, Double($0["lon"]!)!)) }.min()!
            #expect(row["operator"] == "VT" && ownSites.contains { $0["id"] == row["nearest_site"] } && abs(nearest - Double(row["nearest_site_km"]!)!) < 0.002, "\(row)")
        }
        #expect(try summary(folder + "/vt").gaps?.networkOperator == "VT" && own.stdout.contains("no technology of VT's sites covers"), "\(own.stdout)")
        let kmz = try runProgram("ogrinfo", ["-al", folder + "/vt/coverage.kmz", "Gaps"])
        #expect(kmz.stdout.contains("description (String) = " + String(format: "%.0f residents without any coverage from VT's sites in %@ (%@)", Double(rows[0]["residents"]!)!, rows[0]["commune"]!, rows[0]["commune_id"]!)), "\(kmz.stdout.prefix(2000))")
        // A batch job's gap_operator gives the same.
        try """
            scenarios:
              batxat: {terrain: \(terrain), population: \(communes), model: itm, radius_km: 8, resolution_m: 90, max_void_fraction: 0.7, gap_operator: VT, gap_min_residents: 0}
            jobs:
              - {id: vt, type: evaluate, scenario: batxat, sites: \(sites)}
            """.write(toFile: folder + "/batch.yaml", atomically: true, encoding: .utf8)
        let batch = try runProgram(phusongExecutable, ["batch", folder + "/batch.yaml", "--out", folder + "/batch"])
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(try String(contentsOfFile: folder + "/batch/jobs/vt/gaps.csv", encoding: .utf8) == String(contentsOfFile: folder + "/vt/gaps.csv", encoding: .utf8))
        let unknown = try evaluate(into: folder + "/unknown", ["--gap-operator", "Gtel"])
        #expect(unknown.status != 0 && unknown.stderr.contains("--gap-operator (gap_operator) names 'Gtel', which no site names (the sites name MBF, VNP, VT)"), "\(unknown.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/unknown"))
    }
}

