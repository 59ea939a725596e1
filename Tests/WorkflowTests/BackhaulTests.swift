import Foundation
import TestSupport
import Testing

@Suite("phusong backhaul: hops between masts", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct BackhaulTests {
    let terrain = SharedData.path("terrain/N44W072.hgt")
    let budget = ["--tx-power-dbm", "20", "--tx-gain-dbi", "35", "--rx-gain-dbi", "35", "--threshold-dbm", "-70"]

    func run(_ arguments: [String]) throws -> ProgramOutput { try runProgram(phusongExecutable, arguments) }

    @Test("--within-km takes every pair of masts that close, once; each hop is what `phusong path` says of the same ends; hops.geojson holds the same hops as lines")
    func withinDistance() throws {
        let folder = try temporaryFolder("backhaul-within")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = try writeSitesGrid(into: folder)
        let result = try run(["backhaul", "--terrain", terrain, "--sites", sites, "--within-km", "3", "--out", folder + "/out"] + budget)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try csvTable(folder + "/out/hops.csv")
        // The grid's masts stand 2.0 km apart east–west and north–south, 2.8 km diagonally and 4.0 km two steps away.
        let positions: [(Double, Double)] = (0..<12).map { index in
            let latitude: Double = 44.40 + 0.018 * Double(index / 4), longitude: Double = -71.50 + 0.025 * Double(index % 4)
            return (latitude, longitude)
        }
        /// The great-circle distance between two masts (haversine).
        func kilometres(_ a: Int, _ b: Int) -> Double {
            let radians = Double.pi / 180
            let (p, q) = ((positions[a].0 * radians, positions[a].1 * radians), (positions[b].0 * radians, positions[b].1 * radians))
            let north: Double = sin((q.0 - p.0) / 2), east: Double = sin((q.1 - p.1) / 2)
            let h: Double = north * north + cos(p.0) * cos(q.0) * east * east
            return 2 * 6_371.0088 * asin(h.squareRoot())
        }
        let expected = (0..<12).flatMap { a in (a + 1..<12).filter { kilometres(a, $0) <= 3 }.map { "S\(a)-S\($0)" } }
        #expect(expected.count == 29 && rows.map { "\($0["from"]!)-\($0["to"]!)" } == expected)
        #expect(result.stdout.contains("29 hops: "))
        // Three hops against single paths: along a row, along a column and diagonally.
        for (from, to) in [(0, 1), (4, 8), (6, 11)] {
            let row = try #require(rows.first { $0["from"] == "S\(from)" && $0["to"] == "S\(to)" })
            let single = try run([
                "path", "--model", "p526", "--terrain", terrain, "--frequency-mhz", "7000", "--tx-height-m", "30", "--rx-height-m", "30",
                "--from", "\(positions[from].0),\(positions[from].1)", "--to", "\(positions[to].0),\(positions[to].1)",
            ] + budget)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any], "\(single.stderr)")
            let fresnel = try #require(report["fresnel"] as? [String: Any]), link = try #require(report["link_budget"] as? [String: Any])
            func figure(_ name: String) -> Double { Double(row[name] ?? "") ?? .nan }
            #expect(abs(figure("loss_db") - (report["loss_db"] as? Double ?? 0)) < 0.006)
            // The grids' lattices are the same; their cells' positions in the DEM are interpolated to 1/100 of a pixel
            // over areas of different extents, which moves heights by millimetres.
            #expect(abs(figure("worst_fraction") - (fresnel["worst_fraction"] as? Double ?? 0)) < 0.005)
            #expect(row["line_of_sight"] == (fresnel["line_of_sight"] as? Bool).map { "\($0)" })
            #expect(row["clears_60_percent"] == (fresnel["clears_60_percent"] as? Bool).map { "\($0)" })
            #expect(abs(figure("margin_db") - (link["margin_db"] as? Double ?? 0)) < 0.006)
            #expect(row["closes"] == (link["closes"] as? Bool).map { "\($0)" })
        }
        #expect(Set(rows.map { $0["line_of_sight"]! }) == ["true", "false"], "the grid has hops the terrain blocks and hops it does not")
        let collection = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/hops.geojson"))) as? [String: Any]
        )
        let features = try #require(collection["features"] as? [[String: Any]])
        #expect(features.count == rows.count)
        for (feature, row) in zip(features, rows) {
            let properties = try #require(feature["properties"] as? [String: Any])
            let line = try #require((feature["geometry"] as? [String: Any])?["coordinates"] as? [[Double]])
            let a = try #require(Int(row["from"]?.dropFirst() ?? "")), b = try #require(Int(row["to"]?.dropFirst() ?? ""))
            let expectedLine: [[Double]] = [[positions[a].1, positions[a].0], [positions[b].1, positions[b].0]]
            #expect(zip(line.joined(), expectedLine.joined()).allSatisfy { abs($0 - $1) < 1e-7 } && line.count == 2)
            #expect(properties["from"] as? String == row["from"])
            #expect(abs((properties["loss_db"] as? Double ?? 0) - (Double(row["loss_db"] ?? "") ?? .nan)) < 0.006)
            #expect(properties["synthetic_terrain"] as? Bool == false)
        }
    }

    /// The ends of each working hop of a `hops.csv`: clear of 0.6 of the zone, closing its budget.
    func workingHops(_ path: String) throws -> [String: Set<String>] {
        var neighbours: [String: Set<String>] = [:]
        for row in try csvTable(path) where row["clears_60_percent"] == "true" && row["closes"] == "true" {
            neighbours[row["from"]!, default: []].insert(row["to"]!)
            neighbours[row["to"]!, default: []].insert(row["from"]!)
        }
        return neighbours
    }

    /// Each site's fewest working hops to the hub S0 (breadth first), with `down`'s hops out of service.
    func hopsToS0(over neighbours: [String: Set<String>], without down: String? = nil) -> [String: Int] {
        guard down != "S0" else { return [:] }
        var distance = ["S0": 0], frontier = ["S0"]
        while !frontier.isEmpty {
            var next: [String] = []
            for id in frontier {
                for neighbour in (neighbours[id] ?? []).sorted() where distance[neighbour] == nil && neighbour != down {
                    distance[neighbour] = distance[id]! + 1
                    next.append(neighbour)
                }
            }
            frontier = next
        }
        return distance
    }

    /// The grid of `writeSitesGrid` with a `fibre` column: S0 on the fibre, S7 flagged `s7`, the others left empty.
    func writeFlaggedGrid(into folder: String, s7: String = "No") throws {
        let grid = try String(contentsOfFile: try writeSitesGrid(into: folder), encoding: .utf8).split(separator: "\n")
        let flagged = [grid[0] + ",fibre"] + grid.dropFirst().map { $0 + ($0.hasPrefix("S0,") ? ",yes" : $0.hasPrefix("S7,") ? "," + s7 : ",") }
        try (flagged.joined(separator: "\n") + "\n").write(toFile: folder + "/sites.csv", atomically: true, encoding: .utf8)
    }

    @Test("reach.csv names the sites every working chain from a site to the fibre passes through, nearest first, and how many sites each one's outage cuts off: those that reach the hub with it and not without it; and the sites each one's working hops join it to")
    func relaysCuttingOff() throws {
        let folder = try temporaryFolder("backhaul-relays")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeFlaggedGrid(into: folder)
        // Hops of 2 km, east–west and north–south only: chains with relays they cannot route around.
        let result = try run([
            "backhaul", "--terrain", terrain, "--sites", folder + "/sites.csv", "--within-km", "2.1", "--hub-field", "fibre", "--out", folder + "/out",
        ] + budget)
        #expect(result.status == 0, "\(result.stderr)")
        let neighbours = try workingHops(folder + "/out/hops.csv"), distance = hopsToS0(over: neighbours)
        let reach = try csvTable(folder + "/out/reach.csv")
        for down in (0..<12).map({ "S\($0)" }) {
            let cutOff = Set(distance.keys).subtracting(hopsToS0(over: neighbours, without: down).keys).subtracting([down])
            let naming = reach.filter { ($0["depends_on"] ?? "").split(separator: ";").contains { $0 == down } }.map { $0["id"]! }
            #expect(Set(naming) == cutOff, "\(down)")
            #expect(reach.first { $0["id"] == down }?["sites_cut_off"] == String(cutOff.count), "\(down)")
        }
        for row in reach {
            #expect(Set((row["working_hops"] ?? "").split(separator: ";").map(String.init)) == neighbours[row["id"]!] ?? [], "\(row)")
            let chain = (row["depends_on"] ?? "").split(separator: ";").map { distance[String($0)] ?? -1 }
            #expect(chain == chain.sorted(by: >) && Set(chain).count == chain.count && !chain.contains(-1), "\(row)")
        }
        #expect(reach.contains { $0["id"] != "S0" && $0["sites_cut_off"] != "0" }, "a relay whose outage cuts other sites off: \(reach)")
        #expect(reach.contains { ($0["depends_on"] ?? "").contains(";") }, "a chain through two relays: \(reach)")
        #expect(result.stdout.contains("the worst single outage: S0 down cuts \(distance.count - 1) sites off the fibre"), "\(result.stdout)")
        // Run again into the folder without --hub-field: no reach.csv of the earlier run stays beside the new hops.
        let unchained = try run(["backhaul", "--terrain", terrain, "--sites", folder + "/sites.csv", "--within-km", "2.1", "--out", folder + "/out"] + budget)
        #expect(unchained.status == 0 && !FileManager.default.fileExists(atPath: folder + "/out/reach.csv"), "\(unchained.stderr)")
    }

    @Test("--hub-field chains every site to the fibre over working hops: the fewest hops, through a neighbour one hop nearer, by hops that clear 0.6 of the zone and close their budget")
    func hubReach() throws {
        let folder = try temporaryFolder("backhaul-hubs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeFlaggedGrid(into: folder)
        let base = ["backhaul", "--terrain", terrain, "--sites", folder + "/sites.csv", "--within-km", "4.5", "--hub-field", "fibre"]
        let result = try run(base + ["--out", folder + "/out"] + budget)
        #expect(result.status == 0 && result.stdout.contains("sites reach a hub over working hops"), "\(result.stderr)")
        let neighbours = try workingHops(folder + "/out/hops.csv"), distance = hopsToS0(over: neighbours)
        let reach = try csvTable(folder + "/out/reach.csv")
        #expect(reach.map { $0["id"]! } == (0..<12).map { "S\($0)" })
        #expect(reach.contains { $0["hops_to_hub"] == "2" } && reach.contains { $0["hops_to_hub"] == "1" }, "chains of one hop and of two")
        let byID = Dictionary(uniqueKeysWithValues: reach.map { ($0["id"]!, $0) })
        for row in reach {
            let id = row["id"]!
            #expect(row["hops_to_hub"] == distance[id].map(String.init) ?? "", "\(id)")
            #expect(row["hub"] == (id == "S0" ? "true" : "false"))
            guard let hops = distance[id], hops > 0, let next = row["next_hop"] else { continue }
            #expect(neighbours[id]?.contains(next) == true && distance[next] == hops - 1 && row["hub_reached"] == "S0", "\(id) via \(next)")
            #expect(byID[next]?["hub_reached"] == "S0")
        }
        // A site left out is pointed at the neighbour reaching the hub whose hop needs the least raise of its own mast
        // (every hop here would close in free space: 90 dBm of EIRP and gain against −70 dBm over at most 4.5 km).
        let hopRows = try csvTable(folder + "/out/hops.csv")
        let unreached = reach.filter { distance[$0["id"]!] == nil }
        for row in unreached {
            let id = row["id"]!
            let options = hopRows.compactMap { hop -> (String, Double)? in
                if hop["from"] == id, let other = hop["to"], distance[other] != nil { return (other, Double(hop["raise_from_m"]!)!) }
                if hop["to"] == id, let other = hop["from"], distance[other] != nil { return (other, Double(hop["raise_to_m"]!)!) }
                return nil
            }
            let best = options.min { $0.1 < $1.1 }
            #expect(row["taller_mast_via"] == (best?.0 ?? "") && abs((Double(row["taller_mast_raise_m"] ?? "") ?? -1) - (best?.1 ?? -1)) < 0.051, "\(id): \(row)")
        }
        #expect(unreached.contains { !($0["taller_mast_via"] ?? "").isEmpty }, "the grid has a site a taller mast would join: \(unreached)")
        try writeFlaggedGrid(into: folder, s7: "maybe")
        let refused = try run(base + ["--out", folder + "/refused"])
        #expect(refused.status == 1 && refused.stderr.contains("site 'S7': fibre must be yes or no (true/false, 1/0), not 'maybe'"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/refused"))
    }

    @Test("--links names hops by site id, in its order; ids with quotes, backslashes and Vietnamese letters reach the GeoJSON whole; bad rows and sites off the terrain are refused naming them, with no outputs")
    func listedHops() throws {
        let folder = try temporaryFolder("backhaul-links")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = folder + "/sites.csv"
        try """
            id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology
            "Đỉnh ""Pác Bó"" \\1",44.45,-71.45,40,900,60,2G
            NH-2,44.50,-71.40,30,900,60,2G
            NH-3,44.55,-71.50,20,900,60,2G

            """.write(toFile: sites, atomically: true, encoding: .utf8)
        let peak = #"Đỉnh "Pác Bó" \1"#
        try "from,to\nNH-3,NH-2\n\"\(peak.replacingOccurrences(of: "\"", with: "\"\""))\",NH-3\n".write(toFile: folder + "/links.csv", atomically: true, encoding: .utf8)
        let model = ["backhaul", "--terrain", terrain, "--model", "itm", "--frequency-mhz", "2000"], base = model + ["--sites", sites]
        let result = try run(base + ["--links", folder + "/links.csv", "--out", folder + "/out"])
        #expect(result.status == 0 && result.stdout.contains("2 hops: "), "\(result.stderr)")
        let collection = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/hops.geojson"))) as? [String: Any]
        )
        let ends = try #require(collection["features"] as? [[String: Any]]).map { feature in
            let properties = feature["properties"] as? [String: Any]
            return [properties?["from"] as? String ?? "", properties?["to"] as? String ?? ""]
        }
        #expect(ends == [["NH-3", "NH-2"], [peak, "NH-3"]])
        #expect(try String(contentsOfFile: folder + "/out/hops.csv", encoding: .utf8).contains("\"Đỉnh \"\"Pác Bó\"\" \\1\",NH-3,"))

        for (links, fault) in [
            ("from,to\nNH-2,NH-9\n", "row 2 names site 'NH-9', which is not in \(sites)"),
            ("from,to\nNH-2,NH-3\nNH-2,NH-2\n", "row 3 joins site 'NH-2' to itself"),
            ("a,b\nNH-2,NH-3\n", "needs the columns from and to (site ids); it has a, b"),
            ("from,to\n", "no hops listed"),
        ] {
            try links.write(toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
            let refused = try run(base + ["--links", folder + "/bad.csv", "--out", folder + "/refused"])
            #expect(refused.status == 1 && refused.stderr.contains("\(folder)/bad.csv: \(fault)"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/refused"))
        }
        try (try String(contentsOfFile: sites, encoding: .utf8) + "FAR,21.0,105.8,30,900,60,2G\n").write(toFile: folder + "/far.csv", atomically: true, encoding: .utf8)
        let outside = try run(model + ["--sites", folder + "/far.csv", "--within-km", "5", "--out", folder + "/refused"])
        #expect(outside.status == 1 && outside.stderr.contains("far.csv: site 'FAR' lies outside the terrain"), "\(outside.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/refused"))
        // On a terrain of a square kilometre, the grid around a hop reaches far beyond it: refused, naming the hop's first site.
        try writeASCIIGrid(folder + "/small.asc", size: 10, west: -71.5, south: 44.4, cellSize: 0.001, value: "300", withCRS: true)
        try "id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology\nA,44.4005,-71.4995,30,900,60,2G\nB,44.4095,-71.4905,30,900,60,2G\n"
            .write(toFile: folder + "/corners.csv", atomically: true, encoding: .utf8)
        let small = try run([
            "backhaul", "--terrain", folder + "/small.asc", "--sites", folder + "/corners.csv", "--within-km", "5", "--out", folder + "/refused",
        ])
        #expect(small.status == 1 && small.stderr.contains("small.asc: hops from 'A': area of interest is"), "\(small.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/refused"))
        let both = try run(base + ["--links", folder + "/links.csv", "--within-km", "5", "--out", folder + "/refused"])
        #expect(both.status == 64 && both.stderr.contains("give --links or --within-km, one of them"))
    }
}

@Suite("phusong backhaul at the terrain's edge")
struct BackhaulEdgeTests {
    @Test("Pairs within --within-km whose line leaves the terrain are left out and counted, the others checked; a listed pair that leaves it is refused, naming the hop")
    func leavingTheTerrain() throws {
        let folder = try temporaryFolder("backhaul-edge")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let terrain = try writeLevelPlain(in: folder)
        // A and B stand 0.0005° inside the west edge, 33 km apart: on the UTM grid the straight line between them runs
        // out of the tile. C stands in the middle.
        let sites = folder + "/sites.csv"
        try """
            id,latitude,longitude,height_m,technology,frequency_mhz,eirp_dbm
            A,22.45,106.0005,35,4G,7000,58
            B,22.75,106.0005,35,4G,7000,58
            C,22.60,106.2,35,4G,7000,58
            """.write(toFile: sites, atomically: true, encoding: .utf8)
        let within = try runProgram(phusongExecutable, ["backhaul", "--terrain", terrain, "--sites", sites, "--within-km", "40", "--out", folder + "/within", "--model", "fspl"])
        #expect(within.status == 0, "\(within.stderr)")
        let rows = try String(contentsOfFile: folder + "/within/hops.csv", encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: "-") }
        #expect(rows == ["A-C", "B-C"] && within.stdout.contains("1 pair left out, the terrain not reaching all along their line (the first: A → B)"), "\(within.stdout)")
        let links = folder + "/links.csv"
        try "from,to\nA,C\nA,B\n".write(toFile: links, atomically: true, encoding: .utf8)
        let listed = try runProgram(phusongExecutable, ["backhaul", "--terrain", terrain, "--sites", sites, "--links", links, "--out", folder + "/listed", "--model", "fspl"])
        #expect(listed.status != 0 && listed.stderr.contains("hop 'A' → 'B'") && listed.stderr.contains("has no elevation"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/listed"))
    }
}
