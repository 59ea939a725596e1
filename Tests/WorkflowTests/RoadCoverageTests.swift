import Foundation
import Planning
import Terrain
import TestSupport
import Testing
import Workflows

/// `--roads`: the length of each road the run covers, on the Bát Xát DEM with synthetic roads
/// (`Fixtures/roads/batxat_synthetic_roads.geojson`).
@Suite("Coverage along roads (--roads)", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct RoadCoverageTests {
    let terrain = SharedData.path("terrain/batxat_copernicus_glo30.tif")
    let communes = SharedData.path("population/laocai_communes_census2009.geojson")
    let roads = Fixtures.path("roads/batxat_synthetic_roads.geojson")

    /// A 2G and a 4G site, line of sight over 8 km at 90 m, run by `command` into `out` with the roads.
    func run(_ command: String, in folder: String, into out: String, _ options: [String] = []) throws -> ProgramOutput {
        let sites = folder + "/sites.csv"
        try """
            id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology
            BX-1,22.53,103.88,30,900,60,2G
            BX-2,22.50,103.83,30,1800,58,4G

            """.write(toFile: sites, atomically: true, encoding: .utf8)
        return try runProgram(phusongExecutable, [
            command, "--terrain", terrain, "--sites", sites, "--model", "los", "--radius-km", "8", "--resolution-m", "90",
            "--max-void-fraction", "0.7", "--out", out,
        ] + (command == "evaluate" ? ["--population", communes] : []) + options)
    }

    func summary(_ folder: String) throws -> FootprintSummary {
        try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json")))
    }

    /// The fixture's roads as the test reads them, each a list of lines in longitude and latitude: the two features of
    /// the provincial road joined where they meet (the second runs towards the first), the mountain road's two parts,
    /// the unnamed track.
    func fixtureRoads() throws -> [(name: String, lines: [[MapPoint]])] {
        let collection = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: roads))) as? [String: Any])
        let geometries = try #require((collection["features"] as? [[String: Any]])?.map { $0["geometry"] as? [String: Any] ?? [:] })
        func line(_ coordinates: Any?) -> [MapPoint] { (coordinates as? [[Double]] ?? []).map { MapPoint(x: $0[0], y: $0[1]) } }
        let provincial = line(geometries[0]["coordinates"]) + line(geometries[1]["coordinates"]).reversed().dropFirst()
        let mountain = (geometries[2]["coordinates"] as? [Any] ?? []).map(line)
        return [("Đường tỉnh 156 (synthetic)", [provincial]), ("Synthetic mountain road", mountain), ("feature 4", [line(geometries[3]["coordinates"])])]
    }

    @Test("""
        Each road's length, length in the area, length covered per technology and longest stretch without coverage agree \
        with a walk of the fixture's lines in 0.1 m steps over the sites' rasters and the terrain; the stretches in \
        roads.geojson and coverage.gpkg add up to them; an evaluation and a batch job give the same figures
        """)
    func lengthsRecounted() throws {
        let folder = try temporaryFolder("roads")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let footprint = try run("footprint", in: folder, into: folder + "/footprint", ["--roads", roads, "--write-terrain"])
        #expect(footprint.status == 0, "\(footprint.stderr)")
        let result = try summary(folder + "/footprint"), figures = try #require(result.roads)
        #expect(figures.nameField == "name" && figures.roads.map(\.name) == ["Đường tỉnh 156 (synthetic)", "Synthetic mountain road", "feature 4"])
        #expect(figures.roads.map(\.features) == [2, 1, 1])

        // The grid, its voids and each technology's covered cells, from the run's rasters.
        let frame = try DEMSource.open(folder + "/footprint/terrain.tif").describe().frame
        let ground = try rasterValues(folder + "/footprint/terrain.tif")
        var covered: [String: [Bool]] = [:]
        for site in result.siteAreas {
            // A site's raster is its window of the grid.
            let path = folder + "/footprint/" + site.raster, window = try DEMSource.open(path).describe().frame, power = try rasterValues(path)
            let left = Int(((window.cornerX - frame.cornerX) / frame.pixelWidth).rounded()), top = Int(((frame.cornerY - window.cornerY) / frame.pixelHeight).rounded())
            var cells = covered[site.technology] ?? [Bool](repeating: false, count: ground.count)
            for row in 0..<window.height {
                for column in 0..<window.width where power[row * window.width + column] >= Float(site.thresholdDBm) {
                    cells[(top + row) * frame.width + left + column] = true
                }
            }
            covered[site.technology] = cells
        }
        let toGrid = CoordinateTransform(from: wgs84, to: result.crs)
        for (name, lines) in try fixtureRoads() {
            var length = 0.0, inArea = 0.0, coveredLength: [String: Double] = ["2G": 0, "4G": 0, "any": 0], longestGap = 0.0
            for line in lines {
                let points = try toGrid.apply(line)
                var gap = 0.0
                for (start, end) in zip(points, points.dropFirst()) {
                    let segment = hypot(end.x - start.x, end.y - start.y), steps = Int((segment / 0.1).rounded(.up))
                    length += segment
                    for step in 0..<steps {
                        let t = (Double(step) + 0.5) / Double(steps), piece = segment / Double(steps)
                        let column = Int(((start.x + (end.x - start.x) * t - frame.cornerX) / frame.pixelWidth).rounded(.down))
                        let row = Int(((frame.cornerY - start.y - (end.y - start.y) * t) / frame.pixelHeight).rounded(.down))
                        guard column >= 0, column < frame.width, row >= 0, row < frame.height, !ground[row * frame.width + column].isNaN else {
                            gap = 0
                            continue
                        }
                        let cell = row * frame.width + column
                        inArea += piece
                        let technologies = covered.filter { $0.value[cell] }.keys
                        for technology in technologies { coveredLength[technology]! += piece }
                        if technologies.isEmpty {
                            gap += piece
                            longestGap = max(longestGap, gap)
                        } else {
                            coveredLength["any"]! += piece
                            gap = 0
                        }
                    }
                }
            }
            let road = try #require(figures.roads.first { $0.name == name })
            #expect(abs(road.lengthKm * 1_000 - length) < 0.01, "\(name): \(road.lengthKm) km against \(length) m")
            #expect(abs(road.inAreaKm * 1_000 - inArea) < 3, "\(name): \(road.inAreaKm) km in the area against \(inArea) m")
            for (key, metres) in coveredLength {
                #expect(abs((road.coveredKm[key] ?? -1) * 1_000 - metres) < 3, "\(name) \(key): \(road.coveredKm) against \(metres) m")
            }
            #expect(abs(road.longestGapKm * 1_000 - longestGap) < 3, "\(name): gap \(road.longestGapKm) km against \(longestGap) m")
        }
        // Each technology has covered some road, the unnamed track is its own road, and part of the provincial road lies
        // off the DEM (its eastern end is over the DEM's voids).
        #expect(figures.total.coveredKm["2G"]! > 1 && figures.total.coveredKm["4G"]! > 1, "\(figures.total)")
        #expect(figures.roads[0].inAreaKm < figures.roads[0].lengthKm - 1, "\(figures.roads[0])")
        #expect(abs(figures.total.coveredPercent["any"]! - 100 * figures.total.coveredKm["any"]! / figures.total.inAreaKm) < 1e-9)
        #expect(figures.total.longestGapKm == figures.roads.map(\.longestGapKm).max() && figures.longestGapRoad == figures.roads[0].name)

        // roads.csv, the stretches in roads.geojson and in coverage.gpkg, and the printed lines.
        let rows = try csvTable(folder + "/footprint/roads.csv")
        #expect(rows.map { $0["road"] } == figures.roads.map(\.name) && rows[1]["covered_km_4g"] == String(format: "%.3f", figures.roads[1].coveredKm["4G"]!))
        let collection = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/footprint/roads.geojson"))) as? [String: Any])
        let stretches = try #require((collection["features"] as? [[String: Any]])?.map { $0["properties"] as? [String: Any] ?? [:] })
        for road in figures.roads {
            let own = stretches.filter { $0["road"] as? String == road.name }
            let total = own.reduce(0.0) { $0 + ($1["length_m"] as? Double ?? 0) }
            let coveredAny = own.filter { $0["covered_any"] as? Bool == true }.reduce(0.0) { $0 + ($1["length_m"] as? Double ?? 0) }
            #expect(abs(total - road.lengthKm * 1_000) <= 0.05 * Double(own.count) && abs(coveredAny - road.coveredKm["any"]! * 1_000) <= 0.05 * Double(own.count))
        }
        let layer = try runProgram("ogrinfo", ["-so", folder + "/footprint/coverage.gpkg", "road_stretches"])
        #expect(layer.stdout.contains("Geometry: Line String") && layer.stdout.contains("Feature Count: \(stretches.count)\n"), "\(layer.stdout)\(layer.stderr)")
        let styles = try runProgram("ogrinfo", ["-q", "-sql", "SELECT f_table_name FROM layer_styles", folder + "/footprint/coverage.gpkg"])
        #expect(styles.stdout.contains("f_table_name (String) = road_stretches"), "\(styles.stdout)")
        #expect(footprint.stdout.contains(String(format: "  all roads: %.2f km, %.2f km in the area, covered 2G %.1f %%, 4G %.1f %%, any %.1f %%", figures.total.lengthKm, figures.total.inAreaKm, figures.total.coveredPercent["2G"]!, figures.total.coveredPercent["4G"]!, figures.total.coveredPercent["any"]!)), "\(footprint.stdout)")

        // An evaluation (its grid reaching the communes, on the same lattice) covers the same lengths; so does a batch job.
        let evaluation = try run("evaluate", in: folder, into: folder + "/evaluate", ["--roads", roads])
        #expect(evaluation.status == 0, "\(evaluation.stderr)")
        let evaluated = try #require(try summary(folder + "/evaluate").roads)
        #expect(zip(evaluated.roads, figures.roads).allSatisfy { a, b in a.coveredKm.allSatisfy { abs($0.value - b.coveredKm[$0.key]!) < 1e-9 } })
        // Its coverage.kmz draws each road's stretches covered and not covered, with their lengths.
        let kmz = try runProgram("ogrinfo", ["-al", folder + "/evaluate/coverage.kmz", "Roads"])
        #expect(kmz.status == 0 && kmz.stdout.contains("Feature Count: 6"), "\(kmz.stdout)\(kmz.stderr)")
        for road in evaluated.roads {
            let covered = road.coveredKm["any"]!
            #expect(kmz.stdout.contains("Name (String) = \(road.name): covered\n  description (String) = " + String(format: "%.2f km of %.2f km in the area", covered, road.inAreaKm)), "\(road.name): \(kmz.stdout)")
            #expect(kmz.stdout.contains("Name (String) = \(road.name): not covered\n  description (String) = " + String(format: "%.2f km of %.2f km in the area; the longest stretch %.2f km", road.inAreaKm - covered, road.inAreaKm, road.longestGapKm)), "\(road.name): \(kmz.stdout)")
        }
        try """
            scenarios:
              batxat: {terrain: \(terrain), model: los, radius_km: 8, resolution_m: 90, max_void_fraction: 0.7, roads: \(roads)}
            jobs:
              - {id: roads, type: evaluate, scenario: batxat, sites: \(folder)/sites.csv}
            """.write(toFile: folder + "/batch.yaml", atomically: true, encoding: .utf8)
        let batch = try runProgram(phusongExecutable, ["batch", folder + "/batch.yaml", "--out", folder + "/batch"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let jobs = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/batch/batch.json"))) as? [String: Any])
        let jobFigures = ((jobs["jobs"] as? [[String: Any]])?.first?["figures"] as? [String: Any]) ?? [:]
        #expect(jobFigures["roads_covered_percent"] as? Double == figures.total.coveredPercent["any"], "\(jobFigures)")
    }

    @Test("""
        A claimed share of road length covered, of all roads and of one road, passes as the operator's own evaluation \
        gives it and fails 2 points off; claimed without the scenario's roads, or for a road the layer lacks, it is refused
        """)
    func roadClaims() throws {
        let folder = try temporaryFolder("roads-claim")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let operatorRun = try run("evaluate", in: folder, into: folder + "/operator", ["--roads", roads])
        #expect(operatorRun.status == 0, "\(operatorRun.stderr)")
        let figures = try #require(try summary(folder + "/operator").roads)
        let all = try #require(figures.total.coveredPercent["any"]), track = try #require(figures.roads[2].coveredPercent["4G"])
        func verify(_ name: String, claimed: [String: Any], withRoads: Bool = true) throws -> ProgramOutput {
            var scenario: [String: Any] = [
                "terrain": terrain, "sites": folder + "/sites.csv", "population": communes, "model": "los", "radius_km": 8,
                "resolution_m": 90, "max_void_fraction": 0.7,
            ]
            if withRoads { scenario["roads"] = roads }
            try JSONSerialization.data(withJSONObject: ["scenario": scenario, "claimed": ["roads": claimed]]).write(to: URL(fileURLWithPath: folder + "/\(name).json"))
            return try runProgram(phusongExecutable, ["verify", "--claim", folder + "/\(name).json", "--out", folder + "/" + name])
        }
        func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
        let honest = try verify("honest", claimed: ["total": ["any": rounded(all)], "by_road": ["feature 4": ["4G": rounded(track)]]])
        #expect(honest.status == 0 && honest.stdout.contains("road feature 4 · length covered · 4G"), "\(honest.stdout)\(honest.stderr)")
        #expect(honest.stdout.contains("all roads · length covered · any"), "\(honest.stdout)")
        let lowered = try verify("lowered", claimed: ["total": ["any": all - 2]])
        #expect(lowered.status == 1 && lowered.stdout.contains("FAIL"), "\(lowered.stdout)\(lowered.stderr)")
        let without = try verify("without", claimed: ["total": ["any": all]], withRoads: false)
        #expect(without.status == 2 && without.stderr.contains("claimed.roads: needs the scenario's roads"), "\(without.stderr)")
        let unknown = try verify("unknown", claimed: ["by_road": ["QL4D": ["any": 90]]])
        #expect(unknown.status == 2 && unknown.stderr.contains("claimed.roads.by_road.QL4D: no road of that name in \(roads) (its roads: Đường tỉnh 156 (synthetic), Synthetic mountain road, feature 4)"), "\(unknown.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/unknown"))
    }

    /// `phusong plan` of the Bát Xát candidates (ITM, 8 km, 90 m, budget 150) with the roads, each km of road covered
    /// counting `weight` residents, into `out`.
    func plan(weight: Double, into out: String) throws -> ProgramOutput {
        try runProgram(phusongExecutable, [
            "plan", "--terrain", terrain, "--sites", Fixtures.path("sites/batxat_candidates.csv"), "--population", communes,
            "--model", "itm", "--radius-km", "8", "--resolution-m", "90", "--max-void-fraction", "0.7", "--budget", "150",
            "--roads", roads, "--road-weight", "\(weight)", "--out", out,
        ])
    }

    @Test("""
        A plan weighing each km of road covered: its objective is the residents after/ covers plus the weight × the km \
        of road after/ covers; with 2,000 residents a km it chooses otherwise than with none and covers more road; \
        plan.json's road figures are before/'s and after/'s; a batch job gives the same; a weight without roads is refused
        """)
    func planWeighingRoads() throws {
        let folder = try temporaryFolder("roads-plan")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var plans: [Double: [String: Any]] = [:]
        for weight in [0.0, 2_000] {
            let out = folder + "/plan-\(Int(weight))"
            let planned = try plan(weight: weight, into: out)
            #expect(planned.status == 0, "\(planned.stderr)")
            let plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/plan.json"))) as? [String: Any])
            plans[weight] = plan
            let before = try #require(try summary(out + "/before").roads), after = try #require(try summary(out + "/after").roads)
            let residents = try #require(try summary(out + "/after").residents?.total.coveredResidents["any"])
            #expect(plan["road_weight"] as? Double == weight)
            // JSONSerialization may read the last digit of a double otherwise than JSONDecoder does.
            #expect(abs((plan["roads_covered_km_before"] as? Double ?? -1) - before.total.coveredKm["any"]!) < 1e-12)
            #expect(abs((plan["roads_covered_km_after"] as? Double ?? -1) - after.total.coveredKm["any"]!) < 1e-12)
            let objective = try #require(plan["objective"] as? Double)
            #expect(abs(objective - (residents + weight * after.total.coveredKm["any"]!)) < 1e-6 * objective, "\(objective) against \(residents) + \(weight) × \(after.total.coveredKm)")
            #expect(planned.stdout.contains(String(format: "  road covered: %.2f km with the sites on air, %.2f km with the plan", before.total.coveredKm["any"]!, after.total.coveredKm["any"]!)), "\(planned.stdout)")
        }
        func chosen(_ weight: Double) -> Set<String> { Set((plans[weight]?["chosen"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }) }
        let roadsAfter = { (weight: Double) in plans[weight]?["roads_covered_km_after"] as? Double ?? -1 }
        #expect(chosen(0) != chosen(2_000) && roadsAfter(2_000) > roadsAfter(0) + 0.5, "\(chosen(0)) \(chosen(2_000)) \(roadsAfter(0)) \(roadsAfter(2_000))")

        try """
            scenarios:
              batxat: {terrain: \(terrain), population: \(communes), model: itm, radius_km: 8, resolution_m: 90, max_void_fraction: 0.7, roads: \(roads)}
            jobs:
              - {id: roads-plan, type: plan, scenario: batxat, sites: \(Fixtures.path("sites/batxat_candidates.csv")), budget: 150, road_weight: 2000}
            """.write(toFile: folder + "/batch.yaml", atomically: true, encoding: .utf8)
        let batch = try runProgram(phusongExecutable, ["batch", folder + "/batch.yaml", "--out", folder + "/batch"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let jobs = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/batch/batch.json"))) as? [String: Any])
        let figures = ((jobs["jobs"] as? [[String: Any]])?.first?["figures"] as? [String: Any]) ?? [:]
        let newly = roadsAfter(2_000) - (plans[2_000]?["roads_covered_km_before"] as? Double ?? 0)
        #expect(abs((figures["roads_newly_covered_km"] as? Double ?? -1) - newly) < 1e-9 && figures["objective"] as? Double == plans[2_000]?["objective"] as? Double, "\(figures)")

        let unweighed = try runProgram(phusongExecutable, [
            "plan", "--terrain", terrain, "--sites", Fixtures.path("sites/batxat_candidates.csv"), "--population", communes, "--budget", "150",
            "--road-weight", "100", "--out", folder + "/refused",
        ])
        #expect(unweighed.status == 64 && unweighed.stderr.contains("--road-weight needs --roads"), "\(unweighed.stderr)")
        try """
            jobs:
              - {id: refused, type: plan, terrain: \(terrain), population: \(communes), sites: \(Fixtures.path("sites/batxat_candidates.csv")), budget: 150, road_weight: 100}
            """.write(toFile: folder + "/refused.yaml", atomically: true, encoding: .utf8)
        let refusedBatch = try runProgram(phusongExecutable, ["batch", folder + "/refused.yaml", "--out", folder + "/refused"])
        #expect(refusedBatch.status != 0 && refusedBatch.stderr.contains("road_weight: needs the scenario's roads"), "\(refusedBatch.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/refused"))
    }

    @Test("""
        Hilltop candidates counting roads: each one's weighted residents in reach (5 km, by distance, ranked alone) gain \
        1,000 per km of road on the cells within reach — recounted in 0.1 m steps along the fixture's lines on the same \
        grid — and the ranking changes; --roads without --road-weight is refused
        """)
    func candidatesCountingRoads() throws {
        let folder = try temporaryFolder("roads-candidates")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (plain, withRoads, searched) = try CandidateSearchGrid.searches(terrain: terrain, communes: communes, folder: folder) { search in
            (search.roads, search.roadWeight) = (RoadsRequest(path: roads), 1_000)
        }
        #expect(plain.count == withRoads.count && plain.count > 50 && plain.map(\.location) != withRoads.map(\.location))

        // The metres of road on each cell over terrain, walked apart on the search's grid.
        let (grid, toGrid) = (searched.grid, searched.toGrid)
        var metres: [Int: Double] = [:]
        for line in try fixtureRoads().flatMap(\.lines) {
            let points = try toGrid.apply(line)
            for (start, end) in zip(points, points.dropFirst()) {
                let segment = hypot(end.x - start.x, end.y - start.y), steps = Int((segment / 0.1).rounded(.up))
                for step in 0..<steps {
                    let t = (Double(step) + 0.5) / Double(steps)
                    guard let cell = grid.cellIndex(containing: MapPoint(x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t)),
                        !grid.elevations[cell].isNaN else { continue }
                    metres[cell, default: 0] += segment / Double(steps)
                }
            }
        }
        let before = Dictionary(plain.map { ($0.location, $0.weightedResidentsInReach) }) { first, _ in first }
        var reachingRoad = 0
        for candidate in withRoads {
            let inReach = try metres.filter { cell, _ in try searched.reaches(candidate, cell: cell) }.values.reduce(0, +)
            let gained = candidate.weightedResidentsInReach - (before[candidate.location] ?? .nan)
            #expect(abs(gained - inReach) < 1, "\(candidate.id): \(gained) against \(inReach) m of road")
            if inReach > 0 { reachingRoad += 1 }
        }
        #expect(reachingRoad > 10)
        let refused = try runProgram(phusongExecutable, [
            "candidates", "--terrain", terrain, "--population", communes, "--roads", roads, "--out", folder + "/refused.csv",
        ])
        #expect(refused.status == 64 && refused.stderr.contains("--roads and --road-weight go together"), "\(refused.stderr)")
    }

    @Test("""
        With sites naming their operators, each operator's road figures are those of a run where the other operators' \
        sites cover nowhere (threshold 100 dBm, on the same grid), and print
        """)
    func roadsPerOperator() throws {
        let folder = try temporaryFolder("roads-operators")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lines = try String(contentsOfFile: Fixtures.path("sites/batxat_operators.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        func footprint(_ name: String, keeping networkOperator: String?) throws -> (ProgramOutput, FootprintSummary.Roads?) {
            // Without an operator column, the sites of others than `networkOperator` given a threshold no power reaches.
            let rows = networkOperator == nil ? lines : [String(lines[0][..<lines[0].lastIndex(of: ",")!]) + ",threshold_dbm"] + lines.dropFirst().map { line in
                String(line[..<line.lastIndex(of: ",")!]) + (line.hasSuffix("," + networkOperator!) ? "," : ",100")
            }
            try (rows + [""]).joined(separator: "\n").write(toFile: folder + "/\(name).csv", atomically: true, encoding: .utf8)
            let run = try runProgram(phusongExecutable, [
                "footprint", "--terrain", terrain, "--sites", folder + "/\(name).csv", "--model", "itm", "--radius-km", "8", "--resolution-m", "90",
                "--max-void-fraction", "0.7", "--roads", roads, "--out", folder + "/" + name,
            ])
            return (run, run.status == 0 ? try summary(folder + "/" + name).roads : nil)
        }
        let (all, figures) = try footprint("all", keeping: nil)
        #expect(all.status == 0, "\(all.stderr)")
        let networks = try #require(figures?.operators)
        #expect(networks.keys.sorted() == ["MBF", "VNP", "VT"], "\(networks.keys)")
        for (name, network) in networks {
            let (alone, own) = try footprint(name, keeping: name)
            let expected = try #require(own, "\(alone.stderr)")
            #expect(expected.operators == nil)
            #expect(network.total == expected.total && network.roads == expected.roads && network.longestGapRoad == expected.longestGapRoad, "\(name)")
            #expect(all.stdout.contains(String(format: "  all roads, %@'s sites: %.2f km, %.2f km in the area", name, network.total.lengthKm, network.total.inAreaKm)), "\(all.stdout)")
        }
        #expect(networks.values.allSatisfy { $0.total.coveredKm["any"]! < figures!.total.coveredKm["any"]! })
    }

    @Test("""
        A road layer that is not lines, an empty line, a name field it lacks, a CSV without geometry, a missing file, a batch's \
        road_name_field without roads and --road-name-field without --roads are refused before any output
        """)
    func refusals() throws {
        let folder = try temporaryFolder("roads-refused")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let districts = SharedData.path("population/laocai_districts_census2009.geojson"), empty = folder + "/empty.geojson"
        try #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": []}}]}"#
            .write(toFile: empty, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["--roads", empty], "\(empty): feature 1 is an empty line"),
            (["--roads", districts], "\(districts): feature 1 is a Multi Polygon, not a line"),
            (["--roads", roads, "--road-name-field", "ref"], "\(roads): missing attribute 'ref' (--road-name-field); the layer has: name, highway"),
            (["--roads", folder + "/sites.csv"], "is a table without geometry, not lines: a CSV of lines needs a WKT column"),
            (["--roads", folder + "/absent.gpkg"], "\(folder)/absent.gpkg: no such file"),
        ]
        for (options, message) in cases {
            let refused = try run("footprint", in: folder, into: folder + "/out", options)
            #expect(refused.status == 1 && refused.stderr.contains(message), "\(options): \(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        }
        let unpaired = try run("footprint", in: folder, into: folder + "/out", ["--road-name-field", "name"])
        #expect(unpaired.status == 64 && unpaired.stderr.contains("--road-name-field needs --roads"), "\(unpaired.stderr)")
        try """
            jobs:
              - {id: roads, type: evaluate, terrain: \(terrain), sites: \(folder)/sites.csv, road_name_field: name}
            """.write(toFile: folder + "/batch.yaml", atomically: true, encoding: .utf8)
        let batch = try runProgram(phusongExecutable, ["batch", folder + "/batch.yaml", "--out", folder + "/batch"])
        #expect(batch.status != 0 && batch.stderr.contains("road_name_field: needs roads"), "\(batch.stderr)")
    }
}
