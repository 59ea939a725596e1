import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

extension SignalQualityTests {
    /// A 2G mast of three sectors, five 2G sites 1.5–4 km around it (two on the mast's channel), two 4G sites 3 km
    /// apart, one 4G site beyond their reach and one 3G site alone.
    var neighbourSites: [Site] {
        let mast = GeoPoint(latitude: 44.45, longitude: -71.45)
        let sectors = [0.0, 120, 240].enumerated().map { index, azimuth in
            Site(
                id: "M-\(index + 1)", location: mast, antennaHeight: 30, frequencyMHz: 935.2 + 0.4 * Double(index), eirpDBm: 57,
                technology: .gsm, antenna: Antenna(pattern: .parametric(horizontalBeamwidth: 65, verticalBeamwidth: 10), azimuth: azimuth)
            )
        }
        let others = [
            ("G1", 44.47, -71.44, 935.2, Technology.gsm), ("G2", 44.44, -71.42, 935.6, .gsm), ("G3", 44.43, -71.47, 936.0, .gsm),
            ("G4", 44.46, -71.48, 935.2, .gsm), ("G5", 44.48, -71.41, 936.4, .gsm),
            ("L1", 44.45, -71.43, 1_815, .lte), ("L2", 44.46, -71.40, 1_815, .lte), ("L3", 44.30, -71.20, 1_815, .lte),
            ("U1", 44.45, -71.44, 2_110, .umts),
        ].map { id, latitude, longitude, frequency, technology in
            Site(
                id: id, location: GeoPoint(latitude: latitude, longitude: longitude), antennaHeight: 30, frequencyMHz: frequency,
                eirpDBm: technology == .gsm ? 57 : 31, technology: technology
            )
        }
        return sectors + others
    }

    /// The rows neighbours.csv should hold for `sites`, recounted from each site's power cell by cell.
    func expectedNeighbourRows(_ sites: [Site], settings: NeighbourSettings) throws -> (rows: [String], leftOut: Int) {
        let dBm = try powersInDBm(sites), thresholds = sites.map { parameters.threshold(for: $0) }
        var rows: [String] = [], leftOut = 0
        for technology in Technology.allCases {
            let members = sites.indices.filter { sites[$0].technology == technology }
            guard members.count > 1 else { continue }
            var served = [Int](repeating: 0, count: sites.count)
            var cells = [[Int]](repeating: [Int](repeating: 0, count: sites.count), count: sites.count)
            for cell in dBm[0].indices {
                let kept = members.filter { !dBm[$0][cell].isNaN }.sorted { dBm[$0][cell] > dBm[$1][cell] }.prefix(6)
                guard let server = kept.first, Double(dBm[server][cell]) >= thresholds[server] else { continue }
                served[server] += 1
                for other in kept.dropFirst()
                where Double(dBm[other][cell]) > Double(dBm[server][cell]) - settings.marginDB && Double(dBm[other][cell]) >= thresholds[other] {
                    cells[server][other] += 1
                }
            }
            var lists = [[(target: Int, reason: String)]](repeating: [], count: sites.count)
            for source in members {
                let onMast = members.filter { $0 != source && sites[$0].location == sites[source].location }
                let reaching = members.filter {
                    !onMast.contains($0) && cells[source][$0] > 0 && 100 * Double(cells[source][$0]) / Double(served[source]) >= settings.minimumPercent
                }.sorted { (cells[source][$0], -$0) > (cells[source][$1], -$1) }
                let list = onMast.map { ($0, "co-site") } + reaching.map { ($0, "coverage") }
                leftOut += max(0, list.count - settings.maximum)
                lists[source] = Array(list.prefix(settings.maximum))
            }
            let oneWay = lists
            for source in members {
                for (target, _) in oneWay[source] where !lists[target].contains(where: { $0.target == source }) {
                    if lists[target].count < settings.maximum { lists[target].append((source, "mutual")) } else { leftOut += 1 }
                }
            }
            for source in members {
                for (rank, (target, reason)) in lists[source].enumerated() {
                    let percent = served[source] == 0 ? 0 : 100 * Double(cells[source][target]) / Double(served[source])
                    rows.append(
                        "\(technology.rawValue),\(sites[source].id),\(sites[target].id),\(rank + 1),\(reason),\(served[source]),"
                            + "\(cells[source][target]),\(String(format: "%.3f", percent)),\(sites[source].frequencyMHz == sites[target].frequencyMHz)"
                    )
                }
            }
        }
        return (rows, leftOut)
    }

    /// The rows inter_technology_neighbours.csv should hold for `sites`, recounted from each site's power cell by cell:
    /// per ordered pair of technologies, the second's sites at the first's place (the nearest azimuth first), then
    /// where a site of the first serves a cell (the strongest of its technology, covering it), the site of the second
    /// serving it too.
    func expectedInterTechnologyRows(_ sites: [Site], settings: NeighbourSettings) throws -> [String] {
        let dBm = try powersInDBm(sites), thresholds = sites.map { parameters.threshold(for: $0) }
        let present = Technology.allCases.filter { technology in sites.contains { $0.technology == technology } }
        let servers = present.map { technology in
            dBm[0].indices.map { cell -> Int? in
                let members = sites.indices.filter { sites[$0].technology == technology && !dBm[$0][cell].isNaN }
                guard let best = members.max(by: { (dBm[$0][cell], -$0) < (dBm[$1][cell], -$1) }) else { return nil }
                return Double(dBm[best][cell]) >= thresholds[best] ? best : nil
            }
        }
        func apart(_ first: Site, _ second: Site) -> Double {
            first.antenna.isOmni || second.antenna.isOmni ? 0 : (0...2).map { abs(first.antenna.azimuth - second.antenna.azimuth + Double($0 - 1) * 360) }.min()!
        }
        var rows: [String] = []
        for (fromIndex, from) in present.enumerated() {
            for (toIndex, to) in present.enumerated() where to != from {
                var served = [Int](repeating: 0, count: sites.count), cells = [[Int: Int]](repeating: [:], count: sites.count)
                for (source, target) in zip(servers[fromIndex], servers[toIndex]) {
                    guard let source else { continue }
                    served[source] += 1
                    if let target { cells[source][target, default: 0] += 1 }
                }
                for source in sites.indices where sites[source].technology == from {
                    let onMast = sites.indices.filter { sites[$0].technology == to && sites[$0].location == sites[source].location }
                        .sorted { (apart(sites[source], sites[$0]), $0) < (apart(sites[source], sites[$1]), $1) }
                    let reaching = cells[source].filter { !onMast.contains($0.key) && 100 * Double($0.value) / Double(served[source]) >= settings.minimumPercent }
                        .sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.map(\.key)
                    let kept = (onMast.map { ($0, "co-site") } + reaching.map { ($0, "coverage") }).prefix(settings.maximum)
                    for (rank, (target, reason)) in kept.enumerated() {
                        let count = cells[source][target, default: 0]
                        rows.append(
                            "\(from.rawValue),\(sites[source].id),\(to.rawValue),\(sites[target].id),\(rank + 1),\(reason),\(served[source]),\(count),"
                                + String(format: "%.3f", served[source] == 0 ? 0 : 100 * Double(count) / Double(served[source]))
                        )
                    }
                }
            }
        }
        return rows
    }

    @Test("""
        neighbours.csv, recounted cell by cell: per technology of two sites or more, each site lists the sectors on its \
        mast, then the sites covering at least the least share of its best-server cells within the handover margin (most \
        cells first), then those listing it, cut at the maximum; summary.json counts them, the relations left out, those \
        on one frequency and the sites without a neighbour, each warned of; inter_technology_neighbours.csv, recounted \
        too, with the 4G site without a 2G or 3G cell to fall back to warned of
        """, arguments: [NeighbourSettings(), NeighbourSettings(marginDB: 3, minimumPercent: 5, maximum: 3)])
    func neighbourLists(settings: NeighbourSettings) throws {
        let folder = try temporaryFolder("neighbours")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = neighbourSites
        let summary = try run(into: folder, sites: sites, raster: "coverage.tif") { $0.neighbours = settings }.0
        let (expected, leftOut) = try expectedNeighbourRows(sites, settings: settings)
        let written = try String(contentsOfFile: folder + "/neighbours.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(written == ["technology,source,target,rank,reason,source_cells,cells,percent,same_frequency"] + expected)
        let reasons = expected.map { $0.split(separator: ",")[4] }
        #expect(Set(reasons) == ["co-site", "coverage", "mutual"], "\(expected)")
        let totals = try #require(summary.neighbours)
        #expect(totals.marginDB == settings.marginDB && totals.maximum == settings.maximum && totals.sitesKeptPerCell == 6)
        #expect(totals.technologies.map(\.technology) == ["2G", "4G"])
        let gsm = totals.technologies[0], lte = totals.technologies[1]
        #expect(gsm.sites == 8 && lte.sites == 3)
        #expect(gsm.relations + lte.relations == expected.count && gsm.leftOut + lte.leftOut == leftOut)
        #expect(gsm.byReason["co-site"] == 6 && gsm.byReason.values.reduce(0, +) == gsm.relations)
        #expect(gsm.sameFrequency == expected.filter { $0.hasPrefix("2G,") && $0.hasSuffix(",true") }.count && gsm.sameFrequency > 0)
        #expect(lte.sitesWithoutNeighbours == ["L3"] && gsm.sitesWithoutNeighbours.isEmpty)
        #expect(summary.warnings.contains { $0.contains("1 4G site(s) list no neighbour (L3)") })
        #expect(summary.warnings.contains { $0.contains("2G relation(s) join sites on one BCCH channel") })
        #expect(summary.warnings.contains { $0.contains("left out by the maximum") } == (leftOut > 0))
        #expect(settings.maximum == 32 ? leftOut == 0 : leftOut > 0, "\(leftOut) left out")
        let inter = try expectedInterTechnologyRows(sites, settings: settings)
        let writtenInter = try String(contentsOfFile: folder + "/inter_technology_neighbours.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(writtenInter == ["source_technology,source,target_technology,target,rank,reason,source_cells,cells,percent"] + inter)
        #expect(totals.interTechnology.map { "\($0.from)>\($0.to)" } == ["2G>3G", "2G>4G", "3G>2G", "3G>4G", "4G>2G", "4G>3G"])
        #expect(totals.interTechnology.reduce(0) { $0 + $1.relations } == inter.count && inter.count > 10)
        let fallback = try #require(totals.interTechnology.first { $0.from == "4G" && $0.to == "2G" })
        #expect(fallback.sitesWithoutNeighbours == ["L3"])
        #expect(summary.warnings.contains("neighbours: 1 4G site(s) have no 2G neighbour (L3): a handset they serve has no 2G cell to fall back to"))
        #expect(!summary.warnings.contains { $0.contains("2G site(s) have no 4G neighbour") })
    }

    @Test("""
        With a BSIC for every 2G site and a PCI for every 4G site, summary.json counts the neighbours on one identity \
        (carrier and code) and the pairs of one site's neighbours on one, recounted from neighbours.csv, and warns; with \
        one 2G site without a BSIC, the 2G counts are absent and the warning is of neighbours on one BCCH
        """)
    func identityClashes() throws {
        let folder = try temporaryFolder("neighbour-identities")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var sites = neighbourSites
        for index in sites.indices where sites[index].technology == .gsm { sites[index].bsic = 29 }
        for index in sites.indices where sites[index].technology == .lte { sites[index].pci = 7 }
        let summary = try run(into: folder + "/all", sites: sites, raster: "coverage.tif") { $0.neighbours = NeighbourSettings() }.0
        let rows = try String(contentsOfFile: folder + "/all/neighbours.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",").map(String.init) }
        let frequency = Dictionary(uniqueKeysWithValues: sites.map { ($0.id, $0.frequencyMHz) })
        for (name, totals) in zip(["2G", "4G"], try #require(summary.neighbours?.technologies)) {
            let relations = rows.filter { $0[0] == name }
            let collisions = Set(relations.filter { $0[8] == "true" }.map { [min($0[1], $0[2]), max($0[1], $0[2])] }).count
            let confusions = Dictionary(grouping: relations, by: { $0[1] }).values.reduce(0) { total, list in
                let targets = list.map { frequency[$0[2]]! }
                return total + targets.indices.reduce(0) { sum, first in sum + targets[(first + 1)...].filter { $0 == targets[first] }.count }
            }
            #expect(totals.identityCollisions == collisions && totals.identityConfusions == confusions, "\(name)")
            #expect(name == "2G" ? collisions > 0 && confusions > 0 : true)
        }
        #expect(summary.warnings.contains { $0.contains("pair(s) of 2G neighbours share their BCCH and BSIC") })
        #expect(!summary.warnings.contains { $0.contains("join sites on one BCCH channel") })
        sites[0].bsic = nil
        let partial = try run(into: folder + "/partial", sites: sites, raster: "coverage.tif") { $0.neighbours = NeighbourSettings() }.0
        let gsm = try #require(partial.neighbours?.technologies.first)
        #expect(gsm.identityCollisions == nil && gsm.identityConfusions == nil)
        #expect(partial.warnings.contains { $0.contains("2G relation(s) join sites on one BCCH channel, which a handset tells apart by their BSIC alone") })
    }

    @Test("""
        Sites naming one mast are co-site however far apart their coordinates, sites naming two masts are not however \
        close; a site without a mast goes by the 10 m rule; site files read mast as text (a GeoJSON number too)
        """)
    func mastNames() throws {
        let folder = try temporaryFolder("neighbour-masts")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func sector(_ id: String, _ latitude: Double, mast: String?) -> Site {
            Site(
                id: id, location: GeoPoint(latitude: latitude, longitude: -71.45), antennaHeight: 30, frequencyMHz: 935.2, eirpDBm: 57,
                technology: .gsm, mast: mast
            )
        }
        let sites = [
            sector("A-1", 44.45, mast: "A"), sector("A-2", 44.4503, mast: "A"), sector("B-1", 44.45, mast: "B"), sector("C-1", 44.45, mast: nil),
        ]
        #expect(sites[0].location.distance(to: sites[1].location) > 30)
        _ = try run(into: folder, sites: sites, raster: "coverage.tif") { $0.neighbours = NeighbourSettings() }
        let rows = try String(contentsOfFile: folder + "/neighbours.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",").map(String.init) }
        let coSite = Set(rows.filter { $0[4] == "co-site" }.map { $0[1] + ">" + $0[2] })
        #expect(coSite == ["A-1>A-2", "A-2>A-1", "A-1>C-1", "C-1>A-1", "B-1>C-1", "C-1>B-1"], "\(coSite)")
        try "id,lat,lon,height_m,eirp_dbm,technology,mast\nG,44.45,-71.45,30,57,2G,Pác Bó 3\nH,44.45,-71.45,30,57,2G,\n"
            .write(toFile: folder + "/sites.csv", atomically: true, encoding: .utf8)
        #expect(try SiteFile.load(folder + "/sites.csv").map(\.mast) == ["Pác Bó 3", nil])
        try """
            {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [-71.45, 44.45]},
             "properties": {"id": "G", "height_m": 30, "eirp_dbm": 57, "technology": "2G", "mast": 12}}]}
            """.write(toFile: folder + "/sites.geojson", atomically: true, encoding: .utf8)
        #expect(try SiteFile.load(folder + "/sites.geojson").map(\.mast) == ["12"])
    }

    @Test("""
        On a mast of 2G, 4G and 3G sectors, each sector lists the other technologies' sectors on its mast first, co-site, \
        the one pointing the nearest way first, then its coverage neighbours; the CSV is recounted cell by cell and \
        summary.json counts the relations by reason
        """)
    func interTechnologyCoSite() throws {
        let folder = try temporaryFolder("neighbours-co-site")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let mast = neighbourSites[0].location
        let lte = [10.0, 130, 250].enumerated().map { index, azimuth in
            Site(
                id: "ML-\(index + 1)", location: mast, antennaHeight: 28, frequencyMHz: 1_815, eirpDBm: 31, technology: .lte,
                antenna: Antenna(pattern: .parametric(horizontalBeamwidth: 65, verticalBeamwidth: 10), azimuth: azimuth)
            )
        }
        let umts = Site(id: "MU", location: mast, antennaHeight: 25, frequencyMHz: 2_112.6, eirpDBm: 31, technology: .umts)
        let sites = neighbourSites + lte + [umts]
        let summary = try run(into: folder, sites: sites, raster: "coverage.tif") { $0.neighbours = NeighbourSettings() }.0
        let written = try String(contentsOfFile: folder + "/inter_technology_neighbours.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        let expected = try expectedInterTechnologyRows(sites, settings: NeighbourSettings())
        #expect(written.dropFirst().elementsEqual(expected))
        let rows = written.dropFirst().map { $0.split(separator: ",").map(String.init) }
        func listed(_ source: String, in technology: String) -> [String] {
            rows.filter { $0[1] == source && $0[2] == technology }.map { "\($0[3]) \($0[5])" }
        }
        #expect(listed("ML-1", in: "2G").prefix(3) == ["M-1 co-site", "M-2 co-site", "M-3 co-site"])
        #expect(listed("ML-2", in: "2G").prefix(3) == ["M-2 co-site", "M-3 co-site", "M-1 co-site"])
        #expect(listed("ML-3", in: "2G").prefix(3) == ["M-3 co-site", "M-1 co-site", "M-2 co-site"])
        #expect(listed("MU", in: "4G").prefix(3) == ["ML-1 co-site", "ML-2 co-site", "ML-3 co-site"])
        #expect(listed("M-2", in: "3G").first == "MU co-site" && listed("U1", in: "2G").allSatisfy { $0.hasSuffix(" coverage") })
        let totals = try #require(summary.neighbours?.interTechnology.first { $0.from == "4G" && $0.to == "2G" })
        let fallback = rows.filter { $0[0] == "4G" && $0[2] == "2G" }
        #expect(totals.byReason["co-site"] == 9 && totals.byReason["coverage"] == fallback.count - 9 && totals.relations == fallback.count)
    }

    @Test("A run asking for neighbours without two sites of any technology warns and writes no neighbours.csv, but lists the relations between its technologies")
    func neighboursOfOneSite() throws {
        let folder = try temporaryFolder("neighbours-one")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = try run(into: folder, sites: Array(neighbourSites.suffix(2)), raster: "coverage.tif") { $0.neighbours = NeighbourSettings() }.0
        #expect(summary.neighbours?.technologies == [])
        #expect(summary.warnings.contains("neighbours: no technology has two sites in the run, so no neighbours.csv"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/neighbours.csv"))
        #expect(summary.neighbours?.interTechnology.map(\.relations) == [0, 0])
        #expect(summary.warnings.contains("neighbours: 1 4G site(s) have no 3G neighbour (L3): a handset they serve has no 3G cell to fall back to"))
        #expect(FileManager.default.fileExists(atPath: folder + "/inter_technology_neighbours.csv"))
    }

    @Test("""
        `phusong footprint --neighbours --handover-margin-db 3 --neighbour-min-percent 2 --max-neighbours 4` writes \
        neighbours.csv with those settings and names it among the results; a maximum of 0, a margin of 30 dB and a share \
        of 150 % are refused
        """)
    func neighbourOptions() throws {
        let folder = try temporaryFolder("neighbours-cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sitesFile = folder + "/gsm.csv"
        try "id,lat,lon,height_m,frequency_mhz,eirp_dbm,technology\nG1,44.45,-71.45,30,935.2,57,2G\nG2,44.46,-71.42,30,935.4,57,2G\n"
            .write(toFile: sitesFile, atomically: true, encoding: .utf8)
        func footprint(_ options: [String], into out: String) throws -> ProgramOutput {
            try runProgram(phusongExecutable, [
                "footprint", "--terrain", terrain, "--sites", sitesFile, "--out", out, "--model", "fspl", "--radius-km", "3", "--neighbours",
            ] + options)
        }
        let cli = try footprint(["--handover-margin-db", "3", "--neighbour-min-percent", "2", "--max-neighbours", "4"], into: folder + "/cli")
        #expect(cli.status == 0 && cli.stdout.contains(folder + "/cli/neighbours.csv"), "\(cli.stderr)")
        let summary = try JSONDecoder().decode(FootprintSummary.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/cli/summary.json")))
        #expect(summary.neighbours.map { ($0.marginDB, $0.minimumPercent, $0.maximum) } ?? (0, 0, 0) == (3, 2, 4))
        #expect(summary.neighbours?.technologies.first?.relations == 2)
        for (option, value, message) in [
            ("--max-neighbours", "0", "--max-neighbours must be within 1–256"), ("--handover-margin-db", "30", "--handover-margin-db must be within 1–20 dB"),
            ("--neighbour-min-percent", "150", "--neighbour-min-percent must be within 0–100 %"),
        ] {
            let refused = try footprint([option, value], into: folder + "/refused")
            #expect(refused.status != 0 && refused.stderr.contains(message), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/refused"))
        }
    }
}

extension SignalQualityTests {
    @Test("""
        neighbours.geojson holds a line per row of neighbours.csv and inter_technology_neighbours.csv with its figures, \
        from a directional sector's point 150 m out along its azimuth (an omnidirectional site's own place) to the target's
        """)
    func neighbourLines() throws {
        let folder = try temporaryFolder("neighbour-lines")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sites = neighbourSites
        _ = try run(into: folder, sites: sites, raster: "coverage.tif") { $0.neighbours = NeighbourSettings() }
        func rows(_ name: String) throws -> [[String]] {
            try String(contentsOfFile: folder + "/" + name, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        }
        // source technology, source, target technology, target, rank, reason, source cells, cells, percent, same frequency
        let within = try rows("neighbours.csv").map { [$0[0], $0[1], $0[0], $0[2], $0[3], $0[4], $0[5], $0[6], $0[7], $0[8]] }
        let between = try rows("inter_technology_neighbours.csv").map { [$0[0], $0[1], $0[2], $0[3], $0[4], $0[5], $0[6], $0[7], $0[8], ""] }
        let collection = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/neighbours.geojson"))) as? [String: Any])
        let features = try #require(collection["features"] as? [[String: Any]])
        let bySite = Dictionary(uniqueKeysWithValues: sites.map { ($0.id, $0) })
        var lines: [[String]] = []
        for feature in features {
            let properties = try #require(feature["properties"] as? [String: Any]), geometry = try #require(feature["geometry"] as? [String: Any])
            func text(_ key: String) -> String { properties[key].map { "\($0)" } ?? "" }
            let number = { (key: String) in (properties[key] as? NSNumber)?.intValue ?? -1 }
            let sameFrequency = (properties["same_frequency"] as? Bool).map { $0 ? "true" : "false" } ?? ""
            lines.append([
                text("source_technology"), text("source"), text("target_technology"), text("target"), "\(number("rank"))",
                text("reason"), "\(number("source_cells"))", "\(number("cells"))",
                String(format: "%.3f", (properties["percent"] as? Double) ?? -1), sameFrequency,
            ])
            let ends = try #require(geometry["coordinates"] as? [[Double]])
            #expect(geometry["type"] as? String == "LineString" && ends.count == 2)
            for (id, end) in zip([text("source"), text("target")], ends) {
                let site = try #require(bySite[id]), point = GeoPoint(latitude: end[1], longitude: end[0])
                let metres = site.location.distance(to: point)
                if site.antenna.isOmni {
                    #expect(metres < 0.01, "\(id): \(metres) m from its site")
                } else {
                    let north = (point.latitude - site.location.latitude) * 111_195
                    let east = (point.longitude - site.location.longitude) * 111_195 * cos(site.location.latitude * .pi / 180)
                    let bearing = (atan2(east, north) * 180 / .pi + 360).truncatingRemainder(dividingBy: 360)
                    #expect(abs(metres - 150) < 0.5 && abs(bearing - site.antenna.azimuth) < 0.5, "\(id): \(metres) m at \(bearing)°")
                }
            }
        }
        #expect(lines.count == within.count + between.count && within.count > 10 && between.count > 10)
        #expect(lines.map { $0.joined(separator: ",") }.sorted() == (within + between).map { $0.joined(separator: ",") }.sorted())
    }
}
