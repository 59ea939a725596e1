import Coverage
import Foundation
import Planning
import Terrain
import TestSupport
import Testing
@testable import Workflows

@Suite("Busy-hour traffic: Erlang B and the 2G TRX rule")
struct ErlangTests {
    @Test("Erlang B gives the published table's 2 % blocking at 1, 5, 7, 10, 14, 22 and 30 channels, and the fewest channels for a load")
    func erlangTable() {
        // The traffic that N channels carry at 2 % blocking, as Erlang B tables print it.
        for (channels, traffic) in [(1, 0.0204), (5, 1.657), (7, 2.935), (10, 5.084), (14, 8.200), (22, 14.896), (30, 21.932)] {
            let blocking = ErlangB.blocking(traffic: traffic, channels: channels)
            #expect(abs(blocking - 0.02) < 2e-4, "\(channels) channels at \(traffic) Erl: \(blocking)")
        }
        #expect(ErlangB.channels(traffic: 8.0, grade: 0.02) == 14 && ErlangB.channels(traffic: 8.4, grade: 0.02) == 15)
        #expect(ErlangB.channels(traffic: 0, grade: 0.02) == 0 && ErlangB.blocking(traffic: 3, channels: 0) == 1)
        for traffic in [0.3, 2.5, 41.7, 180.0] {
            let channels = ErlangB.channels(traffic: traffic, grade: 0.01)
            #expect(ErlangB.blocking(traffic: traffic, channels: channels) <= 0.01)
            #expect(ErlangB.blocking(traffic: traffic, channels: channels - 1) > 0.01, "\(traffic) Erl: \(channels) is the fewest")
        }
    }

    @Test("""
        Half-rate calls: none is Erlang B, all is Erlang B on twice the channels, and a mix is what the product-form \
        states of full- and half-rate calls on the half-channels give, summed one by one; the fewest channels fall as \
        the half-rate share grows
        """)
    func halfRate() {
        for (traffic, channels) in [(2.935, 7), (21.9, 30), (150.0, 163)] {
            #expect(abs(HalfRateErlang.blocking(traffic: traffic, channels: channels, halfRateShare: 0) - ErlangB.blocking(traffic: traffic, channels: channels)) < 1e-12)
            #expect(abs(HalfRateErlang.blocking(traffic: traffic, channels: channels, halfRateShare: 1) - ErlangB.blocking(traffic: traffic, channels: 2 * channels)) < 1e-12)
            #expect(HalfRateErlang.channels(traffic: traffic, grade: 0.02, halfRateShare: 0) == ErlangB.channels(traffic: traffic, grade: 0.02))
        }
        // The states: n full-rate and m half-rate calls with 2n + m ≤ 2N half-channels, in proportion to
        // a_full^n / n! · a_half^m / m!; a full-rate call is blocked with fewer than two half-channels free, a half-rate one
        // with none.
        for (traffic, channels, share) in [(5.0, 7, 0.4), (12.0, 14, 0.75), (30.0, 22, 0.2)] {
            let full = traffic * (1 - share), half = traffic * share, units = 2 * channels
            var total = 0.0, fullBlocked = 0.0, halfBlocked = 0.0
            for n in 0...channels {
                for m in 0...(units - 2 * n) {
                    let weight = pow(full, Double(n)) / tgamma(Double(n) + 1) * pow(half, Double(m)) / tgamma(Double(m) + 1)
                    total += weight
                    if 2 * n + m > units - 2 { fullBlocked += weight }
                    if 2 * n + m == units { halfBlocked += weight }
                }
            }
            let expected = (1 - share) * fullBlocked / total + share * halfBlocked / total
            let blocking = HalfRateErlang.blocking(traffic: traffic, channels: channels, halfRateShare: share)
            #expect(abs(blocking - expected) < 1e-12 * max(1, 1 / expected), "\(traffic) Erl on \(channels): \(blocking) against \(expected)")
        }
        let needed = [0.0, 0.3, 0.6, 1].map { HalfRateErlang.channels(traffic: 80, grade: 0.02, halfRateShare: $0) }
        #expect(needed == needed.sorted(by: >) && needed.first! > needed.last!, "\(needed)")
        for share in [0.0, 0.3, 0.6, 1] {
            let channels = HalfRateErlang.channels(traffic: 80, grade: 0.02, halfRateShare: share)
            #expect(HalfRateErlang.blocking(traffic: 80, channels: channels, halfRateShare: share) <= 0.02)
            #expect(HalfRateErlang.blocking(traffic: 80, channels: channels - 1, halfRateShare: share) > 0.02)
        }
        // Thousands of erlangs stay finite.
        #expect(HalfRateErlang.channels(traffic: 3_000, grade: 0.02, halfRateShare: 0.5) > 1_500)
    }

    @Test("A 2G cell's traffic channels: 7, 14, 22, 30 and 37 on one to five TRX; the TRX for a number of channels")
    func transceiverRule() {
        #expect((1...5).map { GSMTrafficChannels.capacity(transceivers: $0) } == [7, 14, 22, 30, 37])
        #expect([0, 7, 8, 22, 23, 30, 31].map { GSMTrafficChannels.transceivers(carrying: $0) } == [1, 1, 2, 3, 4, 4, 5])
    }
}

@Suite("The quick-look map's overloaded sites")
struct OverloadedMapTests {
    @Test("An overloaded site's triangle is filled red and the legend gains its row; without one no pixel is that red")
    func redTriangles() {
        let size = 300
        let grid = TerrainGrid(
            epsg: 32648, width: size, height: size, spacing: 30, cornerX: 500_000, cornerY: 2_500_000,
            elevations: (0..<(size * size)).map { Float(300 + $0 % size) }
        )
        let coverage = CoverageMasks(footprints: [], gridWidth: size, cellCount: size * size)
        let busy = MapPoint(x: 504_000, y: 2_494_000), quiet = MapPoint(x: 506_000, y: 2_496_000)
        func red(_ overloaded: Bool) -> [Int] {
            let map = QuickLookMap(grid: grid, coverage: coverage, communes: [], sites: [
                .init(id: "BUSY", position: busy, isOverloaded: overloaded), .init(id: "QUIET", position: quiet, isOverloaded: false),
            ])
            let color = QuickLookMap.overloadedColor
            return stride(from: 0, to: map.rgb.count, by: 3).filter { map.rgb[$0] == color.0 && map.rgb[$0 + 1] == color.1 && map.rgb[$0 + 2] == color.2 }
                .map { $0 / 3 }
        }
        #expect(red(false).isEmpty)
        let pixels = red(true), centre = grid.gridPosition(of: busy), width = size
        let atSite = pixels.filter { abs($0 % width - Int(centre.column)) <= 4 && abs($0 / width - Int(centre.row)) <= 4 }
        let inLegend = pixels.filter { $0 % width < 60 && $0 / width < 120 }
        #expect(atSite.count >= 8 && !inLegend.isEmpty && atSite.count + inLegend.count == pixels.count, "\(pixels.count) red pixels")
    }
}

/// `phusong evaluate --traffic` on the Bát Xát DEM and the real Lào Cai communes.
@Suite("evaluate --traffic", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct TrafficCommandTests {
    func evaluate(out: String, sites: String, _ extra: [String]) throws -> ProgramOutput {
        try runProgram(phusongExecutable, [
            "evaluate", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", sites,
            "--population", SharedData.path("population/laocai_communes_census2009.geojson"), "--model", "itm",
            "--radius-km", "8", "--resolution-m", "30", "--max-void-fraction", "0.7", "--out", out, "--traffic",
        ] + extra)
    }

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    @Test("""
        2G, 3G and 4G sites, each row where its site stands: each technology's sites serve exactly the residents it covers; each site's erlangs, channels \
        (Erlang B), TRX and blocking at its own TRX follow from them; overloaded sites are those needing more TRX than \
        they have or more than all of a carrier's time; the summary sums them
        """)
    func layers() throws {
        let folder = try temporaryFolder("traffic")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try evaluate(out: folder + "/out", sites: Fixtures.path("sites/batxat_layers.csv"), [
            "--sinr", "--throughput", "--subscribers-percent", "60", "--voice-merl", "30", "--blocking-percent", "1", "--half-rate-percent", "40",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Busy hour") && run.stdout.contains("traffic.csv"), "\(run.stdout)")
        let rows = try csvRows(folder + "/out/traffic.csv"), summary = try json(folder + "/out/summary.json")
        #expect(rows.count == 11)
        // Each row stands where its site does: the site file's coordinates.
        let listed = String(decoding: try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("sites/batxat_layers.csv"))), as: UTF8.self)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        for site in listed {
            let row = try #require(rows[String(site[0])])
            #expect(Double(row["lat"]!) == Double(site[1]) && Double(row["lon"]!) == Double(site[2]), "\(row)")
        }
        let covered = try #require((((summary["residents"] as? [String: Any])?["total"] as? [String: Any])?["covered_residents"] as? [String: Double]))
        let traffic = try #require(summary["traffic"] as? [String: Any])
        #expect(traffic["subscribers_percent"] as? Double == 60 && traffic["voice_merl"] as? Double == 30 && traffic["blocking_percent"] as? Double == 1)
        #expect(traffic["half_rate_percent"] as? Double == 40 && run.stdout.contains("40 % of 2G calls half-rate"))
        let technologies = try #require(traffic["technologies"] as? [[String: Any]])
        #expect(technologies.map { $0["technology"] as? String } == ["2G", "3G", "4G"])
        for technology in technologies {
            let name = try #require(technology["technology"] as? String)
            let sites = rows.values.filter { $0["technology"] == name }
            let served = sites.reduce(0.0) { $0 + Double($1["residents_served"]!)! }
            let coveredHere = try #require(covered[name])
            #expect(abs(served - coveredHere) < 0.05 * Double(sites.count) + 1e-9 * coveredHere, "\(name): \(served) against \(coveredHere)")
            #expect(coveredHere > 100)
            let overloaded = sites.filter { $0["overloaded"] == "yes" }.map { $0["id"]! }.sorted()
            #expect((technology["overloaded_sites"] as? [String])?.sorted() == overloaded)
            let erlangs = try #require(technology["busy_hour_erlangs"] as? Double)
            #expect(abs(erlangs - 0.6 * 0.03 * coveredHere) < 1e-6 * erlangs)
        }
        for row in rows.values {
            let served = Double(row["residents_served"]!)!, erlangs = Double(row["busy_hour_erlangs"]!)!
            #expect(abs(Double(row["subscribers"]!)! - 0.6 * served) <= 0.1, "\(row)")
            #expect(abs(erlangs - 0.018 * served) <= 0.002, "\(row)")
            let channels = Int(row["channels_needed"]!)!
            // The file's erlangs are rounded to 0.001: the channels for either end of that rounding.
            // 2G's are full-rate channels with 40 % of the calls on half of one.
            func channelsFor(_ traffic: Double) -> Int {
                row["technology"] == "2G"
                    ? HalfRateErlang.channels(traffic: traffic, grade: 0.01, halfRateShare: 0.4) : ErlangB.channels(traffic: traffic, grade: 0.01)
            }
            let fewest = channelsFor(erlangs - 5e-4), most = channelsFor(erlangs + 5e-4)
            #expect((fewest...most).contains(channels), "\(row)")
            guard row["technology"] == "2G" else {
                #expect(row["trx_needed"] == "" && row["trx"] == "" && row["blocking_percent"] == "")
                continue
            }
            let needed = Int(row["trx_needed"]!)!
            #expect(needed == GSMTrafficChannels.transceivers(carrying: channels))
            guard let given = Int(row["trx"]!) else {
                #expect(row["blocking_percent"] == "" && row["overloaded"] == "no")
                continue
            }
            let blocking = 100 * HalfRateErlang.blocking(traffic: erlangs, channels: GSMTrafficChannels.capacity(transceivers: given), halfRateShare: 0.4)
            #expect(abs(Double(row["blocking_percent"]!)! - blocking) < 0.01, "\(row)")
            #expect(row["overloaded"] == (needed > given ? "yes" : "no"))
        }
        // A 4G carrier without its bandwidth has no rate, so no air time: its data alone.
        let unrated = try #require(rows["L-GF3"])
        #expect(unrated["airtime_percent"] == "" && unrated["residents_without_rate"] == "" && unrated["data_mbps"] != "", "\(unrated)")
        #expect(rows.values.filter { $0["technology"] == "4G" && $0["id"] != "L-GF3" }.allSatisfy { $0["airtime_percent"] != "" })
        let gsm = rows.values.filter { $0["technology"] == "2G" }
        #expect(gsm.contains { $0["overloaded"] == "yes" } && gsm.contains { $0["trx"] != "" && $0["overloaded"] == "no" }, "both kinds")
        // coverage.kmz marks every site, each overloaded one saying so (and styled red).
        let kmz = try runProgram("ogrinfo", ["-al", "-q", folder + "/out/coverage.kmz", "Sites"])
        #expect(kmz.status == 0, "\(kmz.stderr)")
        let placemarks = kmz.stdout.components(separatedBy: "OGRFeature(Sites)").dropFirst()
        #expect(placemarks.count == 11)
        for placemark in placemarks {
            let id = try #require(rows.keys.first { placemark.contains("Name (String) = \($0)\n") }, "\(placemark)")
            let overloaded = rows[id]?["overloaded"] == "yes"
            #expect(placemark.contains("overloaded") == overloaded && placemark.contains(overloaded ? "@site-overloaded" : "@site\n"), "\(id): \(placemark)")
            #expect(placemark.contains("busy hour: "), "\(placemark)")
            let point = try #require(placemark.components(separatedBy: "POINT Z (").last?.split(separator: " ").prefix(2).compactMap { Double($0) })
            #expect(point == [Double(rows[id]!["lon"]!)!, Double(rows[id]!["lat"]!)!], "\(id): \(point)")
        }
    }

    @Test("""
        4G sectors alone, or as 5G: the residents each serves, its area and its carrier's air time recounted from \
        best_server.tif, residents.tif and throughput.tif (nr_throughput.tif); the 5G traffic.csv taken by --loads \
        without a load for its 5G carriers
        """, arguments: [false, true])
    func airtimeFromRasters(asNR: Bool) throws {
        let folder = try temporaryFolder("traffic-lte")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var sites = Fixtures.path("sites/batxat_sectors.csv")
        if asNR {
            let sectors = try String(contentsOfFile: sites, encoding: .utf8)
            sites = folder + "/nr.csv"
            try sectors.replacingOccurrences(of: ",4G,1800,61,10,", with: ",5G,3500,72,100,").write(toFile: sites, atomically: true, encoding: .utf8)
        }
        let run = try evaluate(out: folder + "/out", sites: sites, [
            "--sinr", "--throughput", "--subscribers-percent", "40", "--data-kbps", "20",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let servers = try rasterValues(folder + "/out/best_server.tif"), people = try rasterValues(folder + "/out/residents.tif")
        let rates = try rasterValues(folder + (asNR ? "/out/nr_throughput.tif" : "/out/throughput.tif"))
        let summary = try json(folder + "/out/summary.json")
        let ids = try #require((summary["site_areas"] as? [[String: Any]])?.compactMap { $0["id"] as? String })
        let spacing = try #require(summary["resolution_m"] as? Double)
        var served = [Double](repeating: 0, count: ids.count), cells = served, airtime = served, withoutRate = served
        for cell in servers.indices where servers[cell] > 0 {
            let site = Int(servers[cell]) - 1, residents = Double(people[cell])
            served[site] += residents
            cells[site] += 1
            guard residents > 0 else { continue }
            if rates[cell] > 0 { airtime[site] += residents * 0.4 * 0.02 / Double(rates[cell]) } else { withoutRate[site] += residents }
        }
        let rows = try csvRows(folder + "/out/traffic.csv")
        #expect(rows.count == 15 && served.filter { $0 > 10 }.count >= 10)
        #expect(rows.values.allSatisfy { $0["technology"] == (asNR ? "5G" : "4G") })
        for (index, id) in ids.enumerated() {
            let row = try #require(rows[id])
            #expect(abs(Double(row["residents_served"]!)! - served[index]) <= 0.05 + 1e-5 * served[index], "\(id)")
            #expect(abs(Double(row["area_served_km2"]!)! - cells[index] * spacing * spacing / 1e6) <= 5e-5, "\(id)")
            #expect(abs(Double(row["data_mbps"]!)! - served[index] * 0.4 * 0.02) <= 5e-4 + 1e-5 * served[index], "\(id)")
            #expect(abs(Double(row["airtime_percent"]!)! - 100 * airtime[index]) <= 0.005 + 1e-4 * 100 * airtime[index], "\(id)")
            #expect(abs(Double(row["residents_without_rate"]!)! - withoutRate[index]) <= 0.05 + 1e-5 * withoutRate[index], "\(id)")
            #expect(row["overloaded"] == (100 * airtime[index] > 100 ? "yes" : "no"), "\(id)")
        }
        if asNR {
            let loaded = try runProgram(phusongExecutable, [
                "footprint", "--terrain", SharedData.path("terrain/batxat_copernicus_glo30.tif"), "--sites", sites, "--model", "fspl",
                "--radius-km", "2", "--max-void-fraction", "0.95", "--sinr", "--loads", folder + "/out/traffic.csv", "--out", folder + "/loaded",
            ])
            #expect(loaded.status == 0 && !loaded.stderr.contains("takes no load"), "\(loaded.stderr)")
        }
    }

    @Test("Traffic settings out of range are refused naming the option; trx on a 4G site, or not a whole number, is refused naming the file")
    func refusals() throws {
        let folder = try temporaryFolder("traffic-refused")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (option, value) in [("--blocking-percent", "0"), ("--subscribers-percent", "120"), ("--voice-merl", "-1"), ("--data-kbps", "-5")] {
            let run = try evaluate(out: folder + "/out", sites: Fixtures.path("sites/batxat_layers.csv"), [option, value])
            #expect(run.status != 0 && run.stderr.contains(option) && run.stderr.contains("must be within"), "\(run.stderr)")
        }
        for (row, fault) in [("L,22.53,103.88,30,4G,60,3", "trx applies to 2G sites"), ("G,22.53,103.88,30,2G,58,2.5", "trx 2.5 is not a count of transceivers")] {
            let sites = folder + "/sites.csv"
            try "id,lat,lon,height_m,technology,eirp_dbm,trx\n\(row)\n".write(toFile: sites, atomically: true, encoding: .utf8)
            let run = try evaluate(out: folder + "/out", sites: sites, [])
            #expect(run.status != 0 && run.stderr.contains("sites.csv") && run.stderr.contains(fault), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    }
}
