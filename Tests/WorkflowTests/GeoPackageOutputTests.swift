import Coverage
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport
import Testing

/// `coverage.gpkg`, read back through GDAL (ogr2ogr, and SpatiaLite's areas in its SQLite dialect), on the Bát Xát DEM
/// and the Lào Cai communes.
@Suite("evaluate's GeoPackage (coverage.gpkg)", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct GeoPackageOutputTests {
    let communes = SharedData.path("population/laocai_communes_census2009.geojson")

    /// A layer (or a CSV file) as rows of named fields, from GDAL's CSV writer for a layer.
    func rows(_ text: String) throws -> [[String: String]] {
        let lines = CSV.rows(text).filter { $0 != [""] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    func layer(_ file: String, _ name: String, _ options: [String] = []) throws -> [[String: String]] {
        let run = try runProgram("ogr2ogr", ["-f", "CSV", "/vsistdout/", file, name] + options)
        #expect(run.status == 0, "\(run.stderr)")
        return try rows(run.stdout)
    }

    /// The rules of the default style QGIS would find for `layer` in `file`'s `layer_styles` (by its own filter: schema
    /// '', the table's name and geometry column, the default first): each rule's label and filter; the renderer's type.
    func defaultStyle(_ file: String, layer: String) throws -> (renderer: String, rules: [(label: String, filter: String)]) {
        let found = try self.layer(file, "layer_styles", [
            "-where", "f_table_schema='' AND f_table_name='\(layer)' AND f_geometry_column='geom' AND useAsDefault=1",
        ])
        #expect(found.count == 1, "\(layer): \(found.count) default styles")
        let document = try XMLDocument(xmlString: try #require(found.first?["styleQML"]))
        let renderer = try #require(try document.nodes(forXPath: "/qgis/renderer-v2").first as? XMLElement)
        let rules = try renderer.nodes(forXPath: "rules/rule").compactMap { $0 as? XMLElement }.map {
            ($0.attribute(forName: "label")?.stringValue ?? "", $0.attribute(forName: "filter")?.stringValue ?? "")
        }
        return (renderer.attribute(forName: "type")?.stringValue ?? "", rules)
    }

    /// Whether `row` meets a rule's filter of the forms the styles use: comparisons of a quoted field with a quoted text
    /// or a number, and IS NULL (an empty value), joined by AND; a comparison with an empty value is false, as in QGIS.
    func meets(_ filter: String, _ row: [String: String]) -> Bool {
        filter.components(separatedBy: " AND ").allSatisfy { term in
            let parts = term.split(separator: " ", maxSplits: 2).map(String.init)
            let value = row[parts[0].trimmingCharacters(in: CharacterSet(charactersIn: "\""))] ?? ""
            if parts.count == 3, parts[1] == "IS", parts[2] == "NULL" { return value.isEmpty }
            let operand = parts[2]
            if operand.hasPrefix("'") { return parts[1] == "=" ? value == operand.dropFirst().dropLast() : value != operand.dropFirst().dropLast() }
            guard let number = Double(value), let bound = Double(operand) else { return false }
            return parts[1] == ">=" ? number >= bound : parts[1] == "<" ? number < bound : false
        }
    }

    /// Areas by key from GDAL's SQLite dialect (SpatiaLite's ST_Area).
    func areas(_ file: String, _ sql: String) throws -> [String: Double] {
        let found = try layer(file, "", ["-dialect", "SQLite", "-sql", sql])
        return Dictionary(uniqueKeysWithValues: found.map { ($0["key"]!, Double($0["area"]!)!) })
    }

    @Test("""
        Its communes, masts and traffic layers hold the CSV files' rows, numbers as numbers and identifiers as text, at the \
        masts' and sites' places and in the communes' own outlines; its footprints and coverage layers hold the areas \
        summary.json and coverage.geojson give; the default styles QGIS would find draw each commune by one rule, those \
        meeting the target by the first
        """)
    func layersAsTheCSVFiles() throws {
        let folder = try temporaryFolder("gpkg")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = folder + "/out"
        let run = try runProgram(phusongExecutable, [
            "evaluate", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", Fixtures.path("sites/batxat_layers.csv"),
            "--population", communes, "--model", "itm", "--radius-km", "8", "--resolution-m", "90", "--max-void-fraction", "0.7",
            "--traffic", "--out", out,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let gpkg = out + "/coverage.gpkg"
        for name in ["communes", "masts", "traffic"] {
            let csv = try rows(try String(contentsOfFile: out + "/\(name).csv", encoding: .utf8))
            let stored = try layer(gpkg, name, name == "communes" ? [] : ["-lco", "GEOMETRY=AS_XY"])
            #expect(stored.count == csv.count && csv.count > 4, "\(name): \(stored.count) rows against \(csv.count)")
            for (expected, found) in zip(csv, stored) {
                for (column, value) in expected {
                    let written = try #require(found[column], "\(name).\(column)")
                    if let number = Double(value), let back = Double(written) {
                        #expect(number == back, "\(name).\(column): \(written) against \(value)")
                    } else {
                        #expect(written == value, "\(name).\(column): \(written) against \(value)")
                    }
                }
                if name != "communes" {
                    #expect(Double(found["X"]!) == Double(expected["lon"]!) && Double(found["Y"]!) == Double(expected["lat"]!), "\(found)")
                }
            }
        }
        // The default styles QGIS finds: every commune drawn by exactly one rule, the target's by the first.
        let communesStyle = try defaultStyle(gpkg, layer: "communes")
        #expect(communesStyle.renderer == "RuleRenderer" && communesStyle.rules.first?.label == "meets the target (97 % of residents covered)")
        let communeRows = try rows(try String(contentsOfFile: out + "/communes.csv", encoding: .utf8))
        for row in communeRows {
            let drawnBy = communesStyle.rules.indices.filter { meets(communesStyle.rules[$0].filter, row) }
            #expect(drawnBy.count == 1 && (drawnBy == [0]) == (row["meets_target"] == "yes"), "\(row["commune_id"] ?? ""): rules \(drawnBy)")
        }
        #expect(Set(communeRows.map { row in communesStyle.rules.indices.first { meets(communesStyle.rules[$0].filter, row) } }).count >= 3)
        #expect(try defaultStyle(gpkg, layer: "coverage").rules.map(\.label) == ["covered", "left without coverage by the sunset", "an operator's coverage"])
        #expect(try defaultStyle(gpkg, layer: "footprints").renderer == "singleSymbol")
        let types = try runProgram("ogrinfo", ["-so", gpkg, "communes", "masts", "traffic"]).stdout
        for field in ["commune_id: String", "covered_residents_any: Real", "mast: String", "communes_left_without_coverage: String", "trx: Integer64", "id: String"] {
            #expect(types.contains(field), "\(field) in \(types)")
        }
        // The communes' outlines as given: each area (degrees²) as the census file's.
        let given = try areas(communes, "SELECT CAST(commune_id AS TEXT) AS key, ST_Area(GEOMETRY) AS area FROM laocai_communes_census2009")
        let written = try areas(gpkg, "SELECT commune_id AS key, ST_Area(geom) AS area FROM communes")
        #expect(written.count == given.count && written.allSatisfy { abs($0.value - given[$0.key]!) <= 1e-12 + 1e-9 * $0.value })
        // Footprints and coverage in metres on the grid's CRS, holes and all.
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any])
        let siteAreas = try #require(summary["site_areas"] as? [[String: Any]])
        let footprints = try areas(gpkg, "SELECT id AS key, ST_Area(geom) AS area FROM footprints")
        #expect(footprints.count == 11)
        for site in siteAreas {
            let area = try #require(site["area_km2"] as? Double), id = try #require(site["id"] as? String)
            #expect(abs(try #require(footprints[id]) / 1e6 - area) < 1e-4, "\(id)")
        }
        let coverage = try areas(gpkg, "SELECT technology AS key, ST_Area(geom) AS area FROM coverage")
        let geojson = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/coverage.geojson"))) as? [String: Any])
        let unions = (geojson["features"] as? [[String: Any]] ?? []).compactMap { $0["properties"] as? [String: Any] }.filter { $0["kind"] as? String == "coverage" }
        #expect(unions.count == 3 && Set(coverage.keys) == ["2G", "3G", "4G"])
        for union in unions {
            let technology = try #require(union["technology"] as? String), area = try #require(union["area_km2"] as? Double)
            #expect(abs(try #require(coverage[technology]) / 1e6 - area) < 1e-6 * area, "\(technology)")
        }
    }

    @Test("A footprint run's GeoPackage holds each site's footprint and the union, with summary.json's areas and the sites' ground")
    func footprintRun() throws {
        let folder = try temporaryFolder("gpkg-footprint")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = folder + "/out"
        let run = try runProgram(phusongExecutable, [
            "footprint", "--terrain", SharedData.path("terrain/N44W072.hgt"), "--sites", Fixtures.path("sites/nh_two_sites.csv"),
            "--model", "itm", "--radius-km", "5", "--out", out,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let gpkg = out + "/coverage.gpkg"
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any])
        let union = try #require(summary["union_area_km2"] as? Double)
        let coverage = try areas(gpkg, "SELECT kind || ' ' || technology AS key, ST_Area(geom) AS area FROM coverage")
        let unionStored = try #require(coverage["union any"], "\(coverage)")
        #expect(coverage.count == 1 && abs(unionStored / 1e6 - union) < 1e-6 * union)
        #expect(try defaultStyle(gpkg, layer: "footprints").renderer == "singleSymbol")
        #expect(try defaultStyle(gpkg, layer: "coverage").renderer == "RuleRenderer")
        // footprints.geojson's style beside it, the GeoPackage's footprints' own.
        let sidecar = try XMLDocument(contentsOf: URL(fileURLWithPath: out + "/footprints.qml"))
        #expect((try sidecar.nodes(forXPath: "/qgis/renderer-v2/@type").first?.stringValue) == "singleSymbol")
        #expect(try layer(gpkg, "layer_styles", ["-where", "f_table_name='footprints'"]).first?["styleQML"] == String(contentsOfFile: out + "/footprints.qml", encoding: .utf8))
        #expect(try layer(gpkg, "layer_styles").map { $0["f_table_name"] ?? "" } == ["footprints", "coverage"])
        let stored = Dictionary(uniqueKeysWithValues: try layer(gpkg, "footprints").map { ($0["id"]!, $0) })
        let siteAreas = try #require(summary["site_areas"] as? [[String: Any]])
        #expect(stored.count == siteAreas.count && siteAreas.count == 2)
        for site in siteAreas {
            let id = try #require(site["id"] as? String), ground = try #require(site["ground_m"] as? Double)
            let row = try #require(stored[id])
            #expect(abs(Double(row["area_km2"]!)! - (try #require(site["area_km2"] as? Double))) <= 0.00005, "\(id): written to 4 decimals")
            #expect(abs(Double(row["ground_m"]!)! - ground) < 0.005, "\(id)")
            #expect(abs(Double(row["reach_km"]!)! - (try #require(site["reach_km"] as? Double))) <= 0.0005, "\(id): written to 3 decimals")
        }
    }
}
