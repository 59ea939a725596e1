import Foundation
import Terrain
import TestSupport
import Testing
import Workflows

/// `--facilities`: the fixture's made-up facilities (`Fixtures/facilities/batxat_facilities_synthetic.csv`) over the Bát
/// Xát DEM, each looked up again with `gdallocationinfo` in every site's own raster and in the terrain the run used.
@Suite("Coverage at facilities (facilities.csv)", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct FacilityCoverageTests {
    let sites = Fixtures.path("sites/batxat_operators.csv")
    let facilities = Fixtures.path("facilities/batxat_facilities_synthetic.csv")
    let terrain = SharedData.path("terrain/batxat_copernicus_glo30.tif")
    let communes = SharedData.path("population/laocai_communes_census2009.geojson")

    /// `phusong evaluate` of `siteFile` (the fixture's operators' sites), ITM over 8 km at 90 m, with the facilities.
    func evaluate(into out: String, siteFile: String? = nil, _ options: [String] = []) throws -> ProgramOutput {
        try runProgram(phusongExecutable, [
            "evaluate", "--terrain", terrain, "--sites", siteFile ?? sites, "--population", communes, "--model", "itm", "--radius-km", "8",
            "--resolution-m", "90", "--max-void-fraction", "0.7", "--facilities", facilities, "--out", out,
        ] + options)
    }

    func summary(_ folder: String) throws -> FootprintSummary {
        try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json")))
    }

    /// Each point's value in `raster` (`gdallocationinfo -wgs84`); nil off the raster or on its nodata.
    func values(in raster: String, at points: [(lon: String, lat: String)]) throws -> [Double?] {
        let located = try runProgram("gdallocationinfo", ["-valonly", "-wgs84", raster], input: points.map { "\($0.lon) \($0.lat)\n" }.joined())
        #expect(located.status == 0, "\(located.stderr)")
        let lines = located.stdout.split(separator: "\n", omittingEmptySubsequences: false).prefix(points.count)
        return lines.map { Double($0).flatMap { $0.isNaN || $0 < -1e30 ? nil : $0 } }
    }

    @Test("""
        Each facility's server per technology is the strongest of that technology's sites whose own raster holds its \
        threshold or more at the facility, with that power and margin; its operators those of the covering sites; in the \
        area where the terrain the run used has a height; the figures per type and operator recount the rows
        """)
    func facilitiesAgainstTheRasters() throws {
        let folder = try temporaryFolder("facilities")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = folder + "/run"
        let run = try evaluate(into: out, ["--write-terrain"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try csvTable(out + "/facilities.csv")
        let listed = try csvTable(facilities)
        #expect(rows.map { $0["facility"]! } == listed.map { $0["name"]! } && rows.map { $0["type"]! } == listed.map { $0["type"]! })
        let points = listed.map { (lon: $0["lon"]!, lat: $0["lat"]!) }
        let heights = try values(in: out + "/terrain.tif", at: points)
        let figures = try summary(out)
        let operatorOf = Dictionary(uniqueKeysWithValues: try csvTable(sites).map { ($0["id"]!, $0["operator"]!) })
        // Per site, the keys it covers each facility with (power at its threshold or more); per technology, the strongest
        // of those serves.
        var best: [[String: (site: String, dBm: Double, margin: Double)]] = points.map { _ in [:] }
        var keysBySite: [String: [Set<String>]] = [:]
        for site in figures.siteAreas {
            keysBySite[site.id] = points.map { _ in [] }
            for (index, power) in try values(in: out + "/" + site.raster, at: points).enumerated() {
                guard let power, power >= site.thresholdDBm else { continue }
                keysBySite[site.id]![index] = [site.technology, "any"]
                if let held = best[index][site.technology], held.dBm >= power { continue }
                best[index][site.technology] = (site.id, power, power - site.thresholdDBm)
            }
        }
        /// The keys the sites `among` cover facility `index` with.
        func keys(_ index: Int, among ids: [String]) -> Set<String> { ids.reduce(into: Set<String>()) { $0.formUnion(keysBySite[$1]![index]) } }
        let operators = points.indices.map { index in Set(keysBySite.keys.filter { !keysBySite[$0]![index].isEmpty }.map { operatorOf[$0]! }) }
        for (index, row) in rows.enumerated() {
            #expect(row["in_area"] == (heights[index] == nil ? "no" : "yes"), "\(row)")
            #expect(row["covered_any"] == (heights[index] == nil ? "" : best[index].isEmpty ? "no" : "yes"), "\(row)")
            #expect(row["operators"] == operators[index].sorted().joined(separator: ";"), "\(row)")
            for technology in ["2G", "3G", "4G"] {
                let key = technology.lowercased()
                guard let served = best[index][technology] else {
                    #expect(row["server_\(key)"] == "" && row["dbm_\(key)"] == "" && row["margin_db_\(key)"] == "", "\(row)")
                    continue
                }
                #expect(row["server_\(key)"] == served.site, "\(row)")
                #expect(abs(Double(row["dbm_\(key)"]!)! - served.dBm) <= 0.005 && abs(Double(row["margin_db_\(key)"]!)! - served.margin) <= 0.01, "\(row)")
            }
        }
        // The fixture spans every case: covered, not covered, beyond the DEM and over its voids.
        #expect(rows.filter { $0["covered_any"] == "yes" }.count >= 3 && rows.filter { $0["covered_any"] == "no" }.count >= 2)
        #expect(rows.filter { $0["in_area"] == "no" }.count >= 3)
        // The figures recount the rows, per type in the layer's order and per operator.
        let counted = try #require(figures.facilities)
        func check(_ group: FootprintSummary.Facilities.Group, _ members: [[String: String]], coveredBy: ([String: String]) -> Set<String>) {
            let inArea = members.filter { $0["in_area"] == "yes" }
            #expect(group.count == members.count && group.inArea == inArea.count, "\(group)")
            for key in ["2G", "3G", "4G", "any"] {
                let covered = inArea.filter { coveredBy($0).contains(key) }.count
                #expect(group.covered[key] == covered, "\(group.type) \(key)")
                #expect(group.coveredPercent[key] == (inArea.isEmpty ? nil : 100 * Double(covered) / Double(inArea.count)), "\(group.type) \(key)")
            }
        }
        func technologies(_ row: [String: String]) -> Set<String> {
            let served = ["2G", "3G", "4G"].filter { row["server_\($0.lowercased())"] != "" }
            return Set(served + (served.isEmpty ? [] : ["any"]))
        }
        check(counted.total, rows, coveredBy: technologies)
        var kinds: [String] = []
        for row in rows where !kinds.contains(row["type"]!) { kinds.append(row["type"]!) }
        #expect(counted.byType.map(\.type) == kinds)
        for group in counted.byType { check(group, rows.filter { $0["type"] == group.type }, coveredBy: technologies) }
        #expect(counted.notCovered == rows.filter { $0["covered_any"] == "no" }.map { $0["facility"]! })
        #expect(counted.nameField == "name" && counted.typeField == "type")
        let names = try #require(counted.operators)
        #expect(names.keys.sorted() == ["MBF", "VNP", "VT"])
        for (name, network) in names {
            let own = figures.siteAreas.map(\.id).filter { operatorOf[$0] == name }
            check(network.total, rows) { row in keys(rows.firstIndex { $0 == row }!, among: own) }
            for group in network.byType {
                check(group, rows.filter { $0["type"] == group.type }) { row in keys(rows.firstIndex { $0 == row }!, among: own) }
            }
        }
    }

    @Test("""
        The printed lines, the GeoPackage's facilities and style, the KMZ's folder and a batch job's figure agree with \
        facilities.csv; name and type fields named by option; a layer without the field named, a line layer, an option \
        without --facilities and a scenario's facility field without facilities are refused before any output
        """)
    func outputsAndRefusals() throws {
        let folder = try temporaryFolder("facilities-outputs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try evaluate(into: folder + "/run")
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try csvTable(folder + "/run/facilities.csv")
        let figures = try #require(try summary(folder + "/run").facilities)
        let inArea = rows.filter { $0["in_area"] == "yes" }, covered = inArea.filter { $0["covered_any"] == "yes" }
        #expect(run.stdout.contains("  all facilities: \(covered.count) of the \(inArea.count) in the area covered (\(rows.count) in all): "), "\(run.stdout)")
        #expect(run.stdout.contains("    without coverage: " + figures.notCovered.joined(separator: ", ") + "\n"), "\(run.stdout)")
        #expect(run.stdout.contains("    none in the area: border_post (1)\n"), "\(run.stdout)")
        let gpkg = try runProgram("ogrinfo", ["-q", "-sql", "SELECT facility, covered_any FROM facilities WHERE covered_any = 'yes'", folder + "/run/coverage.gpkg"])
        #expect(gpkg.stdout.components(separatedBy: "OGRFeature(").count - 1 == covered.count, "\(gpkg.stdout)\(gpkg.stderr)")
        let styles = try runProgram("ogrinfo", ["-q", "-sql", "SELECT f_table_name FROM layer_styles WHERE f_table_name = 'facilities'", folder + "/run/coverage.gpkg"])
        #expect(styles.stdout.contains("f_table_name (String) = facilities"), "\(styles.stdout)")
        let kmz = try runProgram("ogrinfo", ["-al", folder + "/run/coverage.kmz", "Facilities"])
        #expect(kmz.stdout.contains("Feature Count: \(inArea.count)\n"), "\(kmz.stdout)\(kmz.stderr)")
        let first = try #require(covered.first)
        #expect(kmz.stdout.contains("Name (String) = \(first["facility"]!)\n  description (String) = \(first["type"]!): 2G from \(first["server_2g"]!), "), "\(kmz.stdout)")
        // The same layer with its fields renamed, named by option, gives the same rows.
        let renamed = try String(contentsOfFile: facilities, encoding: .utf8).replacingOccurrences(of: "name,type,", with: "ten,loai,")
        try renamed.write(toFile: folder + "/renamed.csv", atomically: true, encoding: .utf8)
        let byOption = try runProgram(phusongExecutable, [
            "footprint", "--terrain", terrain, "--sites", sites, "--model", "itm", "--radius-km", "8", "--resolution-m", "90",
            "--max-void-fraction", "0.7", "--facilities", folder + "/renamed.csv", "--facility-name-field", "ten", "--facility-type-field", "loai",
            "--out", folder + "/renamed",
        ])
        #expect(byOption.status == 0, "\(byOption.stderr)")
        let renamedRows = try csvTable(folder + "/renamed/facilities.csv")
        #expect(renamedRows.map { $0["facility"]! } == rows.map { $0["facility"]! } && renamedRows.map { $0["type"]! } == rows.map { $0["type"]! })
        #expect(try summary(folder + "/renamed").facilities?.typeField == "loai")
        // A batch job's figure.
        try """
            scenarios:
              batxat: {terrain: \(terrain), population: \(communes), model: itm, radius_km: 8, resolution_m: 90, max_void_fraction: 0.7, facilities: \(facilities)}
            jobs:
              - {id: facilities, type: evaluate, scenario: batxat, sites: \(sites)}
            """.write(toFile: folder + "/batch.yaml", atomically: true, encoding: .utf8)
        let batch = try runProgram(phusongExecutable, ["batch", folder + "/batch.yaml", "--out", folder + "/batch"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let jobs = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/batch/batch.json"))) as? [String: Any])
        let jobFigures = ((jobs["jobs"] as? [[String: Any]])?.first?["figures"] as? [String: Any]) ?? [:]
        #expect(jobFigures["facilities_covered_percent"] as? Double == figures.total.coveredPercent["any"], "\(jobFigures)")
        #expect(try String(contentsOfFile: folder + "/batch/jobs/facilities/facilities.csv", encoding: .utf8) == String(contentsOfFile: folder + "/run/facilities.csv", encoding: .utf8))
        // Refusals, before any output.
        let missingField = try evaluate(into: folder + "/missing", ["--facility-type-field", "kind"])
        #expect(missingField.status == 1 && missingField.stderr.contains("\(facilities): missing attribute 'kind' (--facility-type-field); the layer has: name, type, lon, lat"), "\(missingField.stderr)")
        // A CSV naming lon twice with a row short of its header once crashed GDAL's CSV driver (found by the fuzzer).
        let lonTwice = try evaluate(into: folder + "/lon-twice", ["--facilities", Fixtures.path("fuzz/facilities_lon_twice_short_row.csv")])
        #expect(lonTwice.status == 1 && lonTwice.stderr.contains("facilities_lon_twice_short_row.csv: feature 1 is without geometry, not a point"), "\(lonTwice.stderr)")
        let lines = try evaluate(into: folder + "/lines", ["--facilities", Fixtures.path("roads/batxat_synthetic_roads.geojson")])
        #expect(lines.status == 1 && lines.stderr.contains("not a point"), "\(lines.stderr)")
        let alone = try evaluate(into: folder + "/alone", ["--facilities", facilities, "--road-name-field", "name"])
        #expect(alone.status == 64 && alone.stderr.contains("--road-name-field needs --roads"), "\(alone.stderr)")
        let optionAlone = try runProgram(phusongExecutable, [
            "footprint", "--terrain", terrain, "--sites", sites, "--facility-type-field", "type", "--out", folder + "/option",
        ])
        #expect(optionAlone.status == 64 && optionAlone.stderr.contains("--facility-type-field needs --facilities"), "\(optionAlone.stderr)")
        try """
            scenarios:
              batxat: {terrain: \(terrain), population: \(communes), model: itm, radius_km: 8, resolution_m: 90, facility_type_field: type}
            jobs:
              - {id: refused, type: evaluate, scenario: batxat, sites: \(sites)}
            """.write(toFile: folder + "/refused.yaml", atomically: true, encoding: .utf8)
        let refused = try runProgram(phusongExecutable, ["batch", folder + "/refused.yaml", "--out", folder + "/refused"])
        #expect(refused.status != 0 && refused.stderr.contains("facility_type_field: needs facilities"), "\(refused.stderr)")
        for name in ["missing", "lon-twice", "lines", "alone", "option", "refused"] { #expect(!FileManager.default.fileExists(atPath: folder + "/" + name), "\(name)") }
    }

    @Test("""
        A claimed share of facilities covered, of all and of one type, passes as the evaluation gives it and fails 2 \
        points off; a type the layer lacks, or a claim without the scenario's facilities, is refused
        """)
    func facilityClaims() throws {
        let folder = try temporaryFolder("facilities-claim")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try evaluate(into: folder + "/run")
        #expect(run.status == 0, "\(run.stderr)")
        let figures = try #require(try summary(folder + "/run").facilities)
        let all = try #require(figures.total.coveredPercent["any"]), schools = try #require(figures.byType.first { $0.type == "school" }?.coveredPercent["4G"])
        func verify(_ name: String, claimed: [String: Any], withFacilities: Bool = true) throws -> ProgramOutput {
            var scenario: [String: Any] = [
                "terrain": terrain, "sites": sites, "population": communes, "model": "itm", "radius_km": 8, "resolution_m": 90, "max_void_fraction": 0.7,
            ]
            if withFacilities { scenario["facilities"] = facilities }
            try JSONSerialization.data(withJSONObject: ["scenario": scenario, "claimed": ["facilities": claimed]]).write(to: URL(fileURLWithPath: folder + "/\(name).json"))
            return try runProgram(phusongExecutable, ["verify", "--claim", folder + "/\(name).json", "--out", folder + "/" + name])
        }
        func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
        let honest = try verify("honest", claimed: ["total": ["any": rounded(all)], "by_type": ["school": ["4G": rounded(schools)]]])
        #expect(honest.status == 0 && honest.stdout.contains("facilities of type school · covered · 4G"), "\(honest.stdout)\(honest.stderr)")
        #expect(honest.stdout.contains("all facilities · covered · any"), "\(honest.stdout)")
        let raised = try verify("raised", claimed: ["total": ["any": min(100, all + 2)]])
        #expect(raised.status == 1 && raised.stdout.contains("FAIL"), "\(raised.stdout)\(raised.stderr)")
        let unknown = try verify("unknown", claimed: ["by_type": ["hospital": ["any": 100]]])
        #expect(unknown.status == 2 && unknown.stderr.contains("claimed.facilities.by_type.hospital: no facility of that type in \(facilities) (its types: school, health_station, commune_office, border_post)"), "\(unknown.stderr)")
        let without = try verify("without", claimed: ["total": ["any": all]], withFacilities: false)
        #expect(without.status == 2 && without.stderr.contains("claimed.facilities: needs the scenario's facilities"), "\(without.stderr)")
        for name in ["unknown", "without"] { #expect(!FileManager.default.fileExists(atPath: folder + "/" + name)) }
    }

    @Test("""
        A plan reports the facilities covered before and after as its before/ and after/ count them; each facility's \
        weight adds to the objective exactly that weight per facility the chosen sites cover; a batch plan job gives the \
        facilities newly covered; a weight without facilities is refused
        """)
    func planFacilities() throws {
        let folder = try temporaryFolder("facilities-plan")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func plan(_ name: String, weight: String?, budget: String = "150", facilitiesOption: Bool = true) throws -> ProgramOutput {
            try runProgram(phusongExecutable, [
                "plan", "--terrain", terrain, "--sites", Fixtures.path("sites/batxat_candidates.csv"), "--population", communes,
                "--model", "itm", "--radius-km", "8", "--resolution-m", "90", "--max-void-fraction", "0.7", "--budget", budget,
                "--out", folder + "/" + name,
            ] + (facilitiesOption ? ["--facilities", facilities] : []) + (weight.map { ["--facility-weight", $0] } ?? []))
        }
        func planJSON(_ name: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/\(name)/plan.json"))) as? [String: Any])
        }
        let plain = try plan("plain", weight: nil), weighted = try plan("weighted", weight: "1000")
        #expect(plain.status == 0 && weighted.status == 0, "\(plain.stderr)\(weighted.stderr)")
        let (unweighted, heavy) = (try planJSON("plain"), try planJSON("weighted"))
        let before = try #require(try summary(folder + "/plain/before").facilities?.total.covered["any"])
        let after = try #require(try summary(folder + "/plain/after").facilities?.total.covered["any"])
        #expect(unweighted["facilities_covered_before"] as? Int == before && unweighted["facilities_covered_after"] as? Int == after, "\(unweighted)")
        #expect(after > before, "\(before) → \(after)")
        #expect(plain.stdout.contains("  facilities covered: \(before) with the sites on air, \(after) with the plan\n"), "\(plain.stdout)")
        // The same sites chosen, the objective gains the weight once per facility they cover.
        let ids = { (plan: [String: Any]) in (plan["chosen"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? [] }
        #expect(ids(heavy) == ids(unweighted) && !ids(heavy).isEmpty)
        let objective = try #require(unweighted["objective"] as? Double), heavyObjective = try #require(heavy["objective"] as? Double)
        #expect(abs(heavyObjective - objective - 1000 * Double(after)) < 1e-6, "\(objective) → \(heavyObjective), \(after) facilities")
        #expect(heavy["facility_weight"] as? Double == 1000)
        // At a budget of 125 the weight changes the choice: another shared mast, one more facility covered, fewer residents.
        let tight = try plan("tight", weight: nil, budget: "125"), tightWeighted = try plan("tight-weighted", weight: "5000", budget: "125")
        #expect(tight.status == 0 && tightWeighted.status == 0, "\(tight.stderr)\(tightWeighted.stderr)")
        let (light, pulled) = (try planJSON("tight"), try planJSON("tight-weighted"))
        #expect(ids(light) != ids(pulled), "\(ids(light)) \(ids(pulled))")
        #expect(try #require(pulled["facilities_covered_after"] as? Int) > (try #require(light["facilities_covered_after"] as? Int)))
        #expect(try #require(pulled["residents_newly_covered"] as? Double) < (try #require(light["residents_newly_covered"] as? Double)))
        // A batch plan job's figure.
        try """
            scenarios:
              batxat: {terrain: \(terrain), population: \(communes), model: itm, radius_km: 8, resolution_m: 90, max_void_fraction: 0.7, facilities: \(facilities)}
            jobs:
              - {id: plan, type: plan, scenario: batxat, sites: \(Fixtures.path("sites/batxat_candidates.csv")), budget: 150, facility_weight: 1000}
            """.write(toFile: folder + "/batch.yaml", atomically: true, encoding: .utf8)
        let batch = try runProgram(phusongExecutable, ["batch", folder + "/batch.yaml", "--out", folder + "/batch"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let jobs = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/batch/batch.json"))) as? [String: Any])
        let jobFigures = ((jobs["jobs"] as? [[String: Any]])?.first?["figures"] as? [String: Any]) ?? [:]
        #expect(jobFigures["facilities_newly_covered"] as? Double == Double(after - before), "\(jobFigures)")
        #expect(jobFigures["objective"] as? Double == heavyObjective, "\(jobFigures)")
        let refused = try plan("refused", weight: "5", facilitiesOption: false)
        #expect(refused.status == 64 && refused.stderr.contains("--facility-weight needs --facilities"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/refused"))
    }

    @Test("""
        Hilltop candidates counting facilities: each one's weighted residents in reach (5 km, by distance, ranked alone) \
        gain 100,000 per facility on the terrain whose cell lies within reach, and the ranking changes; --facilities \
        without --facility-weight is refused
        """)
    func candidatesCountingFacilities() throws {
        let folder = try temporaryFolder("facilities-candidates")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (plain, weighted, searched) = try CandidateSearchGrid.searches(terrain: terrain, communes: communes, folder: folder) { search in
            (search.facilities, search.facilityWeight) = (FacilitiesRequest(path: facilities), 100_000)
        }
        #expect(plain.count == weighted.count && plain.count > 50 && plain.map(\.location) != weighted.map(\.location))
        // The cells of the fixture's facilities over terrain, found apart on the search's grid.
        let grid = searched.grid
        let positions = try searched.toGrid.apply(try csvTable(facilities).map { MapPoint(x: Double($0["lon"]!)!, y: Double($0["lat"]!)!) })
        let cells = positions.compactMap { grid.cellIndex(containing: $0) }.filter { !grid.elevations[$0].isNaN }
        #expect(cells.count >= 7, "\(cells.count) facilities on the terrain")
        let before = Dictionary(plain.map { ($0.location, $0.weightedResidentsInReach) }) { first, _ in first }
        var reachingFacilities = 0
        for candidate in weighted {
            let inReach = try cells.filter { try searched.reaches(candidate, cell: $0) }.count
            let gained = candidate.weightedResidentsInReach - (before[candidate.location] ?? .nan)
            #expect(abs(gained - 100_000 * Double(inReach)) < 1e-3, "\(candidate.id): \(gained) against \(inReach) facilities")
            if inReach > 0 { reachingFacilities += 1 }
        }
        #expect(reachingFacilities > 10)
        let refused = try runProgram(phusongExecutable, [
            "candidates", "--terrain", terrain, "--population", communes, "--facilities", facilities, "--out", folder + "/refused.csv",
        ])
        #expect(refused.status == 64 && refused.stderr.contains("--facilities and --facility-weight go together"), "\(refused.stderr)")
    }

    @Test("""
        The census's 11,163 commune centroids as facilities (named and grouped by their Vietnamese commune and district \
        names): in the area exactly where the run's terrain.tif has a height, covered exactly where best_server.tif names \
        a server, Bát Xát's district the only type with any in the area
        """)
    func communeCentroids() throws {
        let folder = try temporaryFolder("facilities-centroids")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let centroids = SharedData.path("population/vn_communes_centroids_census2009.csv")
        let run = try evaluate(into: folder + "/run", [
            "--facilities", centroids, "--facility-name-field", "commune_vn", "--facility-type-field", "district_vn", "--write-terrain",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try csvTable(folder + "/run/facilities.csv"), listed = try csvTable(centroids)
        #expect(rows.count == 11_163 && rows.map { $0["facility"]! } == listed.map { $0["commune_vn"]! })
        let points = listed.map { (lon: $0["lon"]!, lat: $0["lat"]!) }
        let heights = try values(in: folder + "/run/terrain.tif", at: points), servers = try values(in: folder + "/run/best_server.tif", at: points)
        for (index, row) in rows.enumerated() {
            #expect(row["in_area"] == (heights[index] == nil ? "no" : "yes"), "\(row)")
            if heights[index] != nil { #expect(row["covered_any"] == ((servers[index] ?? 0) > 0 ? "yes" : "no"), "\(row)") }
        }
        let inArea = rows.filter { $0["in_area"] == "yes" }
        #expect(inArea.count >= 3 && Set(inArea.map { $0["type"]! }) == ["Huyện Bát Xát"], "\(inArea)")
        let outside = rows.filter { $0["type"] != "Huyện Bát Xát" }
        #expect(run.stdout.contains("    none in the area: \(outside.count) facilities of \(Set(outside.map { $0["type"]! }).count) types\n"), "\(run.stdout)")
        #expect(run.stdout.contains("    Huyện Bát Xát: \(inArea.filter { $0["covered_any"] == "yes" }.count) of the \(inArea.count) in the area covered (\(rows.count - outside.count) in all): "), "\(run.stdout)")
    }
}
