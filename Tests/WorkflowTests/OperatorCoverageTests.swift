import Coverage
import Foundation
import TestSupport
import Testing
import Workflows

/// Sites naming their `operator`: each operator's coverage in `phusong evaluate` on the Bát Xát DEM and the Lào Cai
/// communes, against runs of its sites alone and runs without them.
@Suite("Coverage per operator", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct OperatorCoverageTests {
    let sitesFile = Fixtures.path("sites/batxat_operators.csv")
    let terrain = SharedData.path("terrain/batxat_copernicus_glo30.tif")
    let communes = SharedData.path("population/laocai_communes_census2009.geojson")

    /// The fixture's lines, header first.
    func lines() throws -> [String] {
        try String(contentsOfFile: sitesFile, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// `phusong evaluate` of the fixture's sites, ITM over 8 km at 90 m, into `out`; the lines `off` cover nowhere
    /// (threshold 100 dBm), so that every run has the same grid; `operators` false leaves every operator out.
    func evaluate(
        into out: String, operators: Bool = true, population: String? = nil, _ extra: [String] = [], off: (String) -> Bool = { _ in false }
    ) throws -> ProgramOutput {
        let lines = try lines()
        let rows = [lines[0] + ",threshold_dbm"] + lines.dropFirst().map { line in
            (operators ? line : String(line[..<line.lastIndex(of: ",")!]) + ",") + (off(line) ? ",100" : ",")
        }
        try (rows + [""]).joined(separator: "\n").write(toFile: out + ".csv", atomically: true, encoding: .utf8)
        return try runProgram(phusongExecutable, [
            "evaluate", "--terrain", terrain, "--sites", out + ".csv", "--population", population ?? communes, "--model", "itm", "--radius-km", "8",
            "--resolution-m", "90", "--max-void-fraction", "0.7", "--out", out,
        ] + extra)
    }

    /// The areas (km²) of `coverage.geojson`'s features of `kind` by technology, those of `networkOperator` alone when given.
    func coveredAreas(_ folder: String, kind: String, networkOperator: String? = nil) throws -> [String: Double] {
        let collection = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/coverage.geojson"))) as? [String: Any]
        let properties = (collection?["features"] as? [[String: Any]] ?? []).compactMap { $0["properties"] as? [String: Any] }
        return Dictionary(uniqueKeysWithValues: properties.filter {
            $0["kind"] as? String == kind && (networkOperator == nil || $0["operator"] as? String == networkOperator)
        }.map { ($0["technology"] as? String ?? "", $0["area_km2"] as? Double ?? -1) })
    }

    func summary(_ folder: String) throws -> FootprintSummary {
        try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json")))
    }

    @Test("""
        Each operator's residents covered per commune and layer, its totals, its priority communes' and the communes where \
        it meets the target, its sites' busy hour and reach serving its own subscribers are \
        those of a run of its sites alone; the residents only it covers are what a run without its sites loses; the \
        residents by how many operators cover them add up to the residents on the terrain, those by one operator alone to \
        the sum of what only each covers, per commune too; each operator's covered area per technology is the union a run \
        of its sites alone draws, and summary.json's areas per operator (an evaluation's and a footprint run's) those unions' areas; each site's footprint carries its operator; the printed lines, the GeoPackage's layers, \
        the KMZ's folder and a batch job's figure agree
        """)
    func figuresAgainstRunsOfEachOperator() throws {
        let folder = try temporaryFolder("operators")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Bát Xát district's communes (20507) are the priority ones.
        let population = try writeLaoCaiCommunes(into: folder, adding: "poor") { $0["district_id"] as? Int == 20507 ? 1 : 0 }
        let all = try evaluate(into: folder + "/all", population: population, ["--priority-field", "poor", "--traffic"])
        #expect(all.status == 0, "\(all.stderr)")
        let operators = try #require(try summary(folder + "/all").operators)
        let total = try #require(try summary(folder + "/all").residents?.total)
        #expect(operators.networks.map(\.name) == ["MBF", "VNP", "VT"])
        #expect(operators.networks.map(\.sites) == [4, 2, 5] && operators.networks.map(\.masts) == [3, 2, 1])
        let rows = try csvTable(folder + "/all/operators.csv"), communeRows = try csvRows(folder + "/all/communes.csv")
        #expect(rows.count == 3 * communeRows.count)
        var aloneByCommune: [String: Double] = [:]
        for network in operators.networks {
            let name = network.name
            func ofOperator(_ line: String) -> Bool { line.hasSuffix("," + name) }
            let alone = try evaluate(
                into: folder + "/\(name)-alone", population: population, ["--priority-field", "poor", "--traffic"], off: { !ofOperator($0) }
            )
            let without = try evaluate(into: folder + "/\(name)-without", operators: false, off: ofOperator)
            #expect(alone.status == 0 && without.status == 0, "\(alone.stderr)\(without.stderr)")
            let aloneSummary = try #require(try summary(folder + "/\(name)-alone").residents)
            #expect(network.total == aloneSummary.total, "\(name): \(network.total) against \(aloneSummary.total)")
            #expect(network.priority == aloneSummary.priority && (network.priority?.residents ?? 0) > 0, "\(name)")
            let priorityShare = try #require(network.priority?.residentsPercent("any"))
            #expect(all.stdout.contains(String(format: "; priority communes %.2f %%", priorityShare)), "\(all.stdout)")
            #expect(network.communesMeetingTarget == aloneSummary.meetingTarget["any"], "\(name)")
            // Its sites serve its own subscribers: their busy hour and reach are those of a run of its sites alone.
            let traffic = try #require(try summary(folder + "/all").traffic).technologies.filter { $0.networkOperator == name }
            let aloneTraffic = try #require(try summary(folder + "/\(name)-alone").traffic).technologies.filter { $0.networkOperator == name }
            #expect(!traffic.isEmpty && traffic == aloneTraffic, "\(name): \(traffic) against \(aloneTraffic)")
            let siteRows = try csvRows(folder + "/all/traffic.csv"), aloneSiteRows = try csvRows(folder + "/\(name)-alone/traffic.csv")
            for (id, row) in siteRows where row["operator"] == name {
                #expect(row == aloneSiteRows[id], "\(id): \(row) against \(aloneSiteRows[id] ?? [:])")
            }
            let reaches = Dictionary(uniqueKeysWithValues: try summary(folder + "/all").siteAreas.map { ($0.id, $0.reachKm) })
            let ownSites = Set(try lines().filter(ofOperator).map { String($0.prefix { $0 != "," }) })
            for area in try summary(folder + "/\(name)-alone").siteAreas where ownSites.contains(area.id) {
                #expect(reaches[area.id] == area.reachKm, "\(area.id)")
            }
            for load in traffic {
                let serve = load.sites == 1 ? "site serves" : "sites serve"
                #expect(all.stdout.contains(String(format: "  \(name) \(load.technology): %d \(serve) %.0f residents", load.sites, load.residentsServed)), "\(all.stdout)")
            }
            let areas = try coveredAreas(folder + "/all", kind: "operator_coverage", networkOperator: name)
            let aloneAreas = try coveredAreas(folder + "/\(name)-alone", kind: "coverage")
            #expect(!areas.isEmpty && areas.allSatisfy { abs($0.value - (aloneAreas[$0.key] ?? -1)) <= 1e-9 * $0.value && $0.value > 1 }, "\(name): \(areas) against \(aloneAreas)")
            // summary.json's areas, counted on the cells, are those unions' areas, and the alone run's union's.
            let counted = try #require(try summary(folder + "/all").operatorAreasKm2?[name])
            let aloneUnion = try summary(folder + "/\(name)-alone").unionAreaKm2
            #expect(abs((counted["any"] ?? -1) - aloneUnion) <= 1e-9 * aloneUnion, "\(name): \(counted) against \(aloneUnion)")
            #expect(counted.count == areas.count + 1 && areas.allSatisfy { abs((counted[$0.key] ?? -1) - $0.value) <= 1e-9 * $0.value }, "\(name): \(counted)")
            let aloneRows = try csvRows(folder + "/\(name)-alone/communes.csv"), withoutRows = try csvRows(folder + "/\(name)-without/communes.csv")
            var only = 0.0
            for row in rows where row["operator"] == name {
                let id = try #require(row["commune_id"]), expected = try #require(aloneRows[id])
                for key in ["2g", "3g", "4g", "any"] {
                    #expect(row["covered_residents_\(key)"] == expected["covered_residents_\(key)"], "\(name) \(id) \(key)")
                    #expect(row["residents_pct_\(key)"] == expected["residents_pct_\(key)"], "\(name) \(id) \(key)")
                }
                let lost = (Double(communeRows[id]?["covered_residents_any"] ?? "") ?? -1) - (Double(withoutRows[id]?["covered_residents_any"] ?? "") ?? -1)
                let onlyHere = try #require(Double(row["residents_only_it_covers"] ?? ""))
                #expect(abs(onlyHere - lost) <= 0.02, "\(name) \(id): \(onlyHere) against \(lost)")
                only += onlyHere
                aloneByCommune[id, default: 0] += onlyHere
            }
            #expect(abs(network.residentsOnlyItCovers - only) <= 0.01 * Double(communeRows.count), "\(name)")
            #expect(network.residentsOnlyItCovers > 100, "\(name): \(network.residentsOnlyItCovers)")
            let shares = network.residentsPercent.mapValues { String(format: "%.2f %%", $0) }
            #expect(all.stdout.contains("  \(name): \(network.sites) sites on \(network.masts) mast"), "\(all.stdout)")
            #expect(all.stdout.contains("any \(shares["any"]!); communes \(network.communesMeetingTarget.count) of"), "\(all.stdout)")
        }
        let byCount = operators.residentsByOperatorCount
        #expect(Set(byCount.keys) == ["0", "1", "2", "3"])
        #expect(abs(byCount.values.reduce(0, +) - total.residents) < 1e-6 * total.residents)
        #expect(abs(byCount["0"]! - (total.residents - total.coveredResidents["any"]!)) < 1e-6 * total.residents)
        #expect(abs(byCount["1"]! - operators.networks.map(\.residentsOnlyItCovers).reduce(0, +)) < 1e-6 * total.residents)
        for (id, row) in communeRows {
            let alone = try #require(Double(row["residents_one_operator"] ?? ""))
            #expect(abs(alone - (aloneByCommune[id] ?? 0)) <= 0.03, "\(id): \(alone) against \(aloneByCommune[id] ?? 0)")
        }
        #expect(all.stdout.contains(String(format: "covered by one operator only: %.0f residents", byCount["1"]!)), "\(all.stdout)")
        let operatorAreas = try runProgram("ogrinfo", ["-q", "-sql", "SELECT operator, technology FROM coverage WHERE kind = 'operator_coverage'", folder + "/all/coverage.gpkg"])
        #expect(operatorAreas.stdout.components(separatedBy: "operator (String) = ").count - 1 == 7, "\(operatorAreas.stdout)")
        let kmz = try runProgram("ogrinfo", ["-al", folder + "/all/coverage.kmz", "Coverage per operator"])
        let placemarks = kmz.stdout.components(separatedBy: "\n").filter { $0.contains("Name (String) = ") }.map { $0.components(separatedBy: " = ")[1] }
        #expect(placemarks == ["MBF 2G coverage", "MBF 3G coverage", "MBF 4G coverage", "VNP 2G coverage", "VT 2G coverage", "VT 3G coverage", "VT 4G coverage"], "\(kmz.stdout)\(kmz.stderr)")
        let footprints = try runProgram("ogrinfo", ["-q", "-sql", "SELECT id, operator FROM footprints", folder + "/all/coverage.gpkg"])
        let geoJSON = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/all/footprints.geojson"))) as? [String: Any]
        let siteFeatures = (geoJSON?["features"] as? [[String: Any]] ?? []).compactMap { $0["properties"] as? [String: Any] }.filter { $0["kind"] as? String == "site" }
        for line in try lines().dropFirst() {
            let id = String(line.prefix { $0 != "," }), name = String(line.split(separator: ",").last!)
            #expect(footprints.stdout.contains("id (String) = \(id)\n  operator (String) = \(name)\n"), "\(id): \(footprints.stdout)")
            #expect(siteFeatures.first { $0["id"] as? String == id }?["operator"] as? String == name, "\(id)")
        }
        let stored = try runProgram("ogrinfo", ["-so", folder + "/all/coverage.gpkg", "operators"])
        #expect(stored.stdout.contains("Feature Count: \(rows.count)") && stored.stdout.contains("residents_only_it_covers: Real"), "\(stored.stdout)")
        let styles = try runProgram("ogrinfo", ["-q", "-sql", "SELECT f_table_name FROM layer_styles", folder + "/all/coverage.gpkg"])
        #expect(styles.stdout.contains("f_table_name (String) = operators"), "\(styles.stdout)")
        try """
            scenarios:
              batxat: {terrain: \(terrain), population: \(communes), model: itm, radius_km: 8, resolution_m: 90, max_void_fraction: 0.7}
            jobs:
              - {id: operators, type: evaluate, scenario: batxat, sites: \(folder)/all.csv}
            """.write(toFile: folder + "/batch.yaml", atomically: true, encoding: .utf8)
        let batch = try runProgram(phusongExecutable, ["batch", folder + "/batch.yaml", "--out", folder + "/batch"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let jobs = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/batch/batch.json"))) as? [String: Any])
        let figures = ((jobs["jobs"] as? [[String: Any]])?.first?["figures"] as? [String: Any]) ?? [:]
        #expect(figures["one_operator_residents_percent"] as? Double == total.share(ofResidents: byCount["1"]!), "\(figures)")
        // A footprint run, without residents, gives the same areas per operator, and prints them.
        let footprintRun = try runProgram(phusongExecutable, [
            "footprint", "--terrain", terrain, "--sites", folder + "/all.csv", "--model", "itm", "--radius-km", "8", "--resolution-m", "90",
            "--max-void-fraction", "0.7", "--out", folder + "/footprint",
        ])
        #expect(footprintRun.status == 0, "\(footprintRun.stderr)")
        let evaluated = try #require(try summary(folder + "/all").operatorAreasKm2), drawn = try #require(try summary(folder + "/footprint").operatorAreasKm2)
        #expect(Set(drawn.keys) == ["MBF", "VNP", "VT"] && drawn.allSatisfy { name, areas in
            areas.allSatisfy { abs($0.value - (evaluated[name]?[$0.key] ?? -1)) <= 1e-9 * $0.value } && areas.count == evaluated[name]?.count
        }, "\(drawn) against \(evaluated)")
        let vnp = try #require(drawn["VNP"])
        #expect(footprintRun.stdout.contains(String(format: "  VNP: %.2f km² covered (2G %.2f)", vnp["any"]!, vnp["2G"]!)), "\(footprintRun.stdout)")
        let unnamed = try evaluate(into: folder + "/unnamed", operators: false, population: population)
        #expect(unnamed.status == 0, "\(unnamed.stderr)")
        #expect(try summary(folder + "/unnamed").operators == nil && (try summary(folder + "/unnamed").operatorAreasKm2) == nil)
        #expect(!FileManager.default.fileExists(atPath: folder + "/unnamed/operators.csv"))
        #expect(try csvTable(folder + "/unnamed/communes.csv").first?["residents_one_operator"] == nil)
    }

    @Test("""
        Sites of which some name an operator and others not are refused, naming the first without; several operators' \
        sites with --sinr, --ecio, --ci or --neighbours, or in tilt, are refused naming the options and the \
        operators; one operator's sites run them, its covered areas the run's; nothing is written when refused
        """)
    func refusals() throws {
        let folder = try temporaryFolder("operators-refused")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lines = try lines()
        let mixed = folder + "/mixed.csv"
        try ([lines[0]] + lines.dropFirst().map { $0.hasPrefix("G-SH1,") ? String($0.dropLast(3)) : $0 } + [""])
            .joined(separator: "\n").write(toFile: mixed, atomically: true, encoding: .utf8)
        let base = ["--terrain", terrain, "--population", communes, "--model", "los", "--radius-km", "8", "--resolution-m", "90", "--max-void-fraction", "0.7"]
        let refused = try runProgram(phusongExecutable, ["evaluate", "--sites", mixed, "--out", folder + "/out"] + base)
        #expect(refused.status != 0 && refused.stderr.contains("\(mixed): site 'G-SH1' has no operator while 10 of the 11 sites name one"), "\(refused.stderr)")
        for options in [["--sinr"], ["--ecio"], ["--ci"], ["--neighbours"], ["--ci", "--neighbours", "--traffic"]] {
            let run = try runProgram(phusongExecutable, ["evaluate", "--sites", sitesFile, "--out", folder + "/out"] + base + options)
            let refusing = options.filter { $0 != "--traffic" }
            let named = refusing.joined(separator: ", ") + (refusing.count == 1 ? " chooses" : " choose")
            #expect(run.status != 0 && run.stderr.contains("\(named) each cell's server") && run.stderr.contains("3 operators (MBF, VNP, VT)"), "\(options): \(run.stderr)")
        }
        let tilt = try runProgram(phusongExecutable, ["tilt", "--sites", sitesFile, "--out", folder + "/out"] + base)
        #expect(tilt.status != 0 && tilt.stderr.contains("tilt chooses each cell's server"), "\(tilt.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        let one = folder + "/one.csv"
        try ([lines[0]] + lines.dropFirst().filter { $0.hasSuffix(",VT") } + [""]).joined(separator: "\n").write(toFile: one, atomically: true, encoding: .utf8)
        let single = try runProgram(phusongExecutable, ["evaluate", "--sites", one, "--out", folder + "/one", "--sinr", "--traffic"] + base)
        #expect(single.status == 0, "\(single.stderr)")
        let operators = try #require(try summary(folder + "/one").operators)
        let residents = try #require(try summary(folder + "/one").residents)
        #expect(operators.networks.count == 1 && operators.networks[0].total == residents.total)
        #expect(operators.networks[0].residentsOnlyItCovers == operators.residentsByOperatorCount["1"])
        let areas = try coveredAreas(folder + "/one", kind: "coverage")
        let ownAreas = try coveredAreas(folder + "/one", kind: "operator_coverage", networkOperator: "VT")
        #expect(areas.count == 3 && ownAreas == areas, "\(ownAreas) against \(areas)")
    }

    @Test("""
        --operator-shares makes each named operator's subscribers its share of the residents its sites serve, the others \
        --subscribers-percent, in traffic.csv, the summary and the printed line, as a scenario's operator_shares does in a \
        batch job; a share naming no site's operator, a malformed one, one beyond 100 % or one without --traffic is refused
        """)
    func operatorShares() throws {
        let folder = try temporaryFolder("operator-shares")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try evaluate(into: folder + "/run", ["--traffic", "--operator-shares", "VT=60,MBF=30", "--subscribers-percent", "10"])
        #expect(run.status == 0, "\(run.stderr)")
        let share = ["VT": 0.6, "MBF": 0.3, "VNP": 0.1]
        let rows = try csvRows(folder + "/run/traffic.csv")
        #expect(rows.count == 11)
        for (id, row) in rows {
            let served = try #require(Double(row["residents_served"] ?? "")), subscribers = try #require(Double(row["subscribers"] ?? ""))
            let expected = served * share[row["operator"] ?? ""]!
            #expect(abs(subscribers - expected) <= 0.05 + 1e-9, "\(id): \(subscribers) against \(expected)")
            #expect(abs(Double(row["busy_hour_erlangs"] ?? "")! - subscribers * 0.025) <= 0.0015 + 0.000025, "\(id)")
        }
        let traffic = try #require(try summary(folder + "/run").traffic)
        #expect(traffic.operatorShares == ["VT": 60, "MBF": 30] && traffic.subscribersPercent == 10)
        #expect(run.stdout.contains("Busy hour (residents subscribed: MBF 30 %, VT 60 %, others 10 %,"), "\(run.stdout)")
        try """
            scenarios:
              batxat: {terrain: \(terrain), population: \(communes), model: itm, radius_km: 8, resolution_m: 90, max_void_fraction: 0.7,
                       traffic: true, subscribers_percent: 10, operator_shares: {VT: 60, MBF: 30}}
            jobs:
              - {id: shares, type: evaluate, scenario: batxat, sites: \(folder)/run.csv}
            """.write(toFile: folder + "/batch.yaml", atomically: true, encoding: .utf8)
        let batch = try runProgram(phusongExecutable, ["batch", folder + "/batch.yaml", "--out", folder + "/batch"])
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(try csvRows(folder + "/batch/jobs/shares/traffic.csv") == rows)
        for (options, fault) in [
            (["--traffic", "--operator-shares", "VT=60,Viettel=30"], "the operator shares name 'Viettel', which no site names (the sites name MBF, VNP, VT)"),
            (["--traffic", "--operator-shares", "VT"], "--operator-shares: 'VT' is not OPERATOR=PERCENT"),
            (["--traffic", "--operator-shares", "VT=101"], "--operator-shares: VT's share 101 must be within 0–100 %"),
            (["--operator-shares", "VT=60"], "--operator-shares needs --traffic"),
        ] {
            let refused = try evaluate(into: folder + "/refused", options)
            #expect(refused.status != 0 && refused.stderr.contains(fault), "\(options): \(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/refused"))
        }
    }

    @Test("The operator is read from a CSV column, a GeoJSON property (a number as its text) and a GeoPackage attribute alike; empty is none")
    func readFromEveryFormat() throws {
        let folder = try temporaryFolder("operator-formats")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csv = folder + "/sites.csv"
        try """
            id,lat,lon,height_m,technology,eirp_dbm,operator
            A,22.5,103.8,30,2G,58,Viettel
            B,22.6,103.9,30,4G,58,04
            C,22.7,103.9,30,3G,58,

            """.write(toFile: csv, atomically: true, encoding: .utf8)
        let geoJSON = folder + "/sites.geojson"
        try """
            {"type": "FeatureCollection", "features": [
             {"type": "Feature", "geometry": {"type": "Point", "coordinates": [103.8, 22.5]}, "properties": {"id": "A", "height_m": 30, "technology": "2G", "eirp_dbm": 58, "operator": "Viettel"}},
             {"type": "Feature", "geometry": {"type": "Point", "coordinates": [103.9, 22.6]}, "properties": {"id": "B", "height_m": 30, "technology": "4G", "eirp_dbm": 58, "operator": "04"}},
             {"type": "Feature", "geometry": {"type": "Point", "coordinates": [103.9, 22.7]}, "properties": {"id": "C", "height_m": 30, "technology": "3G", "eirp_dbm": 58, "operator": null}}]}
            """.write(toFile: geoJSON, atomically: true, encoding: .utf8)
        let package = folder + "/sites.gpkg"
        let converted = try runProgram("ogr2ogr", ["-f", "GPKG", package, geoJSON])
        try #require(converted.status == 0, "\(converted.stderr)")
        for path in [csv, geoJSON, package] {
            #expect(try SiteFile.load(path).map(\.networkOperator) == ["Viettel", "04", nil], "\(path)")
        }
        try """
            {"type": "FeatureCollection", "features": [
             {"type": "Feature", "geometry": {"type": "Point", "coordinates": [103.8, 22.5]}, "properties": {"id": "A", "height_m": 30, "technology": "2G", "eirp_dbm": 58, "operator": 4}}]}
            """.write(toFile: geoJSON, atomically: true, encoding: .utf8)
        #expect(try SiteFile.load(geoJSON).map(\.networkOperator) == ["4"])
    }

    @Test("""
        An operator's claimed shares, province and commune, pass as its own figures give them and fail 2 points off; an \
        operator no site names is refused, naming those the sites name
        """)
    func operatorClaims() throws {
        let folder = try temporaryFolder("operator-claims")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try evaluate(into: folder + "/run")
        #expect(run.status == 0, "\(run.stderr)")
        let network = try #require(try summary(folder + "/run").operators?.networks.first { $0.name == "VT" })
        let province = try #require(network.residentsPercent["any"])
        let (commune, shares) = try #require(network.residentsPercentByCommune.filter { ($0.value["any"] ?? 0) > 0 }.min { $0.key < $1.key })
        func verify(_ name: String, operators: [String: Any]) throws -> ProgramOutput {
            let scenario: [String: Any] = [
                "terrain": terrain, "sites": folder + "/run.csv", "population": communes, "model": "itm", "radius_km": 8,
                "resolution_m": 90, "max_void_fraction": 0.7,
            ]
            try JSONSerialization.data(withJSONObject: ["scenario": scenario, "claimed": ["operators": operators]])
                .write(to: URL(fileURLWithPath: folder + "/\(name).json"))
            return try runProgram(phusongExecutable, ["verify", "--claim", folder + "/\(name).json", "--out", folder + "/" + name])
        }
        func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
        let honest = try verify("honest", operators: [
            "VT": ["province": ["any": rounded(province), "2G": rounded(network.residentsPercent["2G"]!)], "communes": [commune: ["any": rounded(shares["any"]!)]]],
        ])
        #expect(honest.status == 0 && honest.stdout.contains("operator VT · commune \(commune) · any"), "\(honest.stdout)\(honest.stderr)")
        let lowered = try verify("lowered", operators: ["VT": ["province": ["any": province - 2]]])
        #expect(lowered.status == 1 && lowered.stdout.contains("FAIL"), "\(lowered.stdout)\(lowered.stderr)")
        let unknown = try verify("unknown", operators: ["Vinaphone": ["province": ["any": 50]]])
        #expect(unknown.status != 0 && unknown.stderr.contains("claimed.operators.Vinaphone: no site of") && unknown.stderr.contains("they name MBF, VNP, VT"), "\(unknown.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/unknown"))
    }
}
