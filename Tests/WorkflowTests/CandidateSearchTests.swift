import Coverage
import Foundation
import Planning
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("phusong candidates: hilltops near residents for plan", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct CandidateSearchTests {
    let terrain = SharedData.path("terrain/batxat_copernicus_glo30.tif")
    let communes = SharedData.path("population/laocai_communes_census2009.geojson")

    func request(out: String, communes: String? = nil) -> CandidateSearchRequest {
        var residents = ResidentsRequest(populationPath: communes ?? self.communes)
        if communes != nil { residents.fields.priority = "priority" }
        var request = CandidateSearchRequest(terrainPath: terrain, residents: residents, outputPath: out)
        request.resolution = 90
        request.voidPolicy.maxVoidFraction = 0.9
        request.maximum = 12
        return request
    }

    /// The census communes with a `priority` of 2 on those whose id leaves 1 divided by 4 (about half of them).
    func prioritised(in folder: String) throws -> String {
        try writeLaoCaiCommunes(into: folder, adding: "priority") { (($0["commune_id"] as? Int ?? 0) % 4 == 1) ? 2 : 0 }
    }

    @Test("""
        On Bát Xát (Copernicus 1″ at 90 m, census communes, priority 2 on about half of them), reach by distance, ranked \
        alone: each \
        candidate is the highest cell of its 2 km block, its residents within 5 km but not within 5 km of EX-1 (on air), × 3 \
        in priority communes, equal a brute-force sum over the grid, they come ranked, and the file is the existing \
        candidates verbatim plus rows plan reads as greenfield sites
        """)
    func hilltopsRankedByResidents() throws {
        let folder = try temporaryFolder("candidates")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var search = request(out: folder + "/candidates.csv", communes: try prioritised(in: folder))
        search.existingPath = Fixtures.path("sites/batxat_candidates.csv")
        (search.reachBy, search.ranking) = (.distance, .alone)
        let result = try CandidateSearch.run(search)
        let found = result.found
        #expect(result.sitesOnAir == 1 && result.sitesOnAirOffTerrain.isEmpty)
        #expect(found.count == 12 && zip(found, found.dropFirst()).allSatisfy { $0.weightedResidentsInReach >= $1.weightedResidentsInReach })

        // The same grid and residents, independently of the search.
        var fields = AdminFields()
        fields.priority = "priority"
        let layer = try AdminLayer.load(folder + "/communes.geojson", fields: fields)
        let bounds = layer.bounds
        let centre = GeoPoint(latitude: (bounds.minY + bounds.maxY) / 2, longitude: (bounds.minX + bounds.maxX) / 2)
        let grid = try DEMSource.open(terrain).metricGrid(
            around: [centre], radius: 5_000, region: bounds, resolution: 90, policy: search.voidPolicy
        ).grid
        let spread = try ResidentGrid.spread(layer, over: grid)
        var residents = [Double](repeating: 0, count: grid.elevations.count)
        for (unit, cells) in spread.unitCells.enumerated() {
            let priority = (Int(layer.units[unit].id) ?? 0) % 4 == 1 ? 2.0 : 0
            for (cell, value) in zip(cells, spread.unitResidents[unit]) { residents[cell] += value * (1 + priority) }
        }
        var plain = spread.residentsPerCell(cellCount: grid.elevations.count)
        // EX-1, on air, reaches the residents within 5 km of it: they do not count.
        let toGrid = CoordinateTransform(from: wgs84, to: grid.crs)
        let onAir = try toGrid.apply([MapPoint(x: 103.88, y: 22.53)])[0]
        var takenByOnAir = 0.0
        for index in residents.indices where residents[index] > 0 {
            let cell = grid.center(column: index % grid.width, row: index / grid.width)
            if hypot(cell.x - onAir.x, cell.y - onAir.y) <= 5_000 + 1e-6 {
                takenByOnAir += residents[index]
                (residents[index], plain[index]) = (0, 0)
            }
        }
        #expect(takenByOnAir > 1_000, "EX-1 reaches \(takenByOnAir) weighted residents")
        var prioritisedCandidates = 0
        let block = Int((2_000 / grid.spacing).rounded())
        for candidate in found {
            let point = try toGrid.apply([MapPoint(x: candidate.location.longitude, y: candidate.location.latitude)])[0]
            let cell = try #require(grid.cellIndex(containing: point))
            let (column, row) = (cell % grid.width, cell / grid.width)
            #expect(Double(grid.elevations[cell]) == candidate.elevationM)
            let (firstColumn, firstRow) = (column / block * block, row / block * block)
            let blockHeights = (firstRow..<min(grid.height, firstRow + block)).flatMap { r in
                (firstColumn..<min(grid.width, firstColumn + block)).map { grid.elevations[r * grid.width + $0] }
            }.filter { !$0.isNaN }
            #expect(blockHeights.allSatisfy { $0 <= grid.elevations[cell] }, "\(candidate.id) is its block's hilltop")
            let centreOfCell = grid.center(column: column, row: row)
            var inReach = 0.0, unweighted = 0.0
            for index in residents.indices where residents[index] > 0 {
                let other = grid.center(column: index % grid.width, row: index / grid.width)
                if hypot(other.x - centreOfCell.x, other.y - centreOfCell.y) <= 5_000 + 1e-6 {
                    inReach += residents[index]
                    unweighted += plain[index]
                }
            }
            if inReach > unweighted + 1 { prioritisedCandidates += 1 }
            #expect(abs(inReach - candidate.weightedResidentsInReach) <= 1e-6 * inReach, "\(candidate.id): \(inReach) against \(candidate.weightedResidentsInReach)")
        }
        #expect(prioritisedCandidates > 0, "priority communes lie within reach of some candidates")

        let existing = try String(contentsOfFile: Fixtures.path("sites/batxat_candidates.csv"), encoding: .utf8)
        let written = try String(contentsOfFile: folder + "/candidates.csv", encoding: .utf8)
        #expect(written.hasPrefix(existing))
        let candidates = try CandidateFile.load(folder + "/candidates.csv")
        let added = candidates.filter { $0.site.id.hasPrefix("HT-") }
        #expect(candidates.count == 7 + 12 && added.map(\.site.id) == found.map(\.id))
        #expect(added.allSatisfy { $0.kind == .greenfield && $0.cost == 100 && $0.site.antennaHeight == 30 && $0.site.eirpDBm == 60 })
        #expect(zip(added, found).allSatisfy { abs($0.site.location.latitude - $1.location.latitude) < 1e-6 })
    }

    /// The grid the search builds over the communes at `resolution` metres (nil: the DEM's 30 m), and the residents per cell.
    func searchGrid(resolution: Double?) throws -> (grid: TerrainGrid, residents: [Double]) {
        let layer = try AdminLayer.load(communes, fields: AdminFields())
        let bounds = layer.bounds
        let centre = GeoPoint(latitude: (bounds.minY + bounds.maxY) / 2, longitude: (bounds.minX + bounds.maxX) / 2)
        var policy = VoidPolicy()
        policy.maxVoidFraction = 0.9
        let grid = try DEMSource.open(terrain).metricGrid(around: [centre], radius: 5_000, region: bounds, resolution: resolution, policy: policy).grid
        return (grid, try ResidentGrid.spread(layer, over: grid).residentsPerCell(cellCount: grid.elevations.count))
    }

    /// The cells `site`'s footprint by `model` covers out to 5 km (with each cell's `losses`, when given, taken off its
    /// power); on its cell's centre (where the search places a hilltop's candidate) with `onCentre`.
    func covered(
        by site: Site, on grid: TerrainGrid, model: PathLossModel = .los, environment: RadioEnvironment = RadioEnvironment(),
        onCentre: Bool = false, kernel: CoverageKernel = .sweep, losses: [Float]? = nil
    ) throws -> Set<Int> {
        var position = try CoverageEngine.positions(of: [site], on: grid)[0]
        if onCentre {
            let cell = try #require(grid.cellIndex(containing: position))
            position = grid.center(column: cell % grid.width, row: cell / grid.width)
        }
        let coverage = try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: CoverageParameters(radius: 5_000, model: model, environment: environment, kernel: kernel))
        var cells = Set<Int>()
        coverage.forEachReachedCell(gridWidth: grid.width) { power, cell in
            if Double(power - (losses?[cell] ?? 0)) >= coverage.threshold { cells.insert(cell) }
        }
        return cells
    }

    /// A found candidate as the search proposes it (the request's defaults: 30 m, 2G at 900 MHz, 60 dBm).
    func proposed(_ candidate: FoundCandidate) -> Site {
        Site(id: candidate.id, location: candidate.location, antennaHeight: 30, frequencyMHz: 900, eirpDBm: 60, technology: .gsm)
    }

    /// The fixture's site on air, EX-1.
    func siteOnAir() throws -> Site {
        try #require(CandidateFile.load(Fixtures.path("sites/batxat_candidates.csv")).first { $0.kind == .existing }).site
    }

    @Test("""
        Reach by footprint (the default, line of sight): each candidate's residents are those in its line-of-sight \
        footprint out to 5 km (30 m antenna, 1.5 m handset, k = 4/3) less those in EX-1's, the same by the exact per-cell \
        kernel, fewer than within the distance alone, and the ranking is not the distance's; ranked by what each adds (the \
        default), each counts those no candidate before it sees, and the twelve see more residents together than the \
        twelve best alone
        """)
    func hilltopsRankedByResidentsInSight() throws {
        let folder = try temporaryFolder("candidates-sight")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var search = request(out: folder + "/candidates.csv")
        search.existingPath = Fixtures.path("sites/batxat_candidates.csv")
        #expect(search.reachBy == .footprint && search.model == .los && search.ranking == .added)
        search.ranking = .alone
        let found = try CandidateSearch.run(search).found
        #expect(found.count == 12 && zip(found, found.dropFirst()).allSatisfy { $0.weightedResidentsInReach >= $1.weightedResidentsInReach })

        let (grid, residents) = try searchGrid(resolution: 90)
        let ex1 = try siteOnAir(), onAir = try covered(by: ex1, on: grid)
        #expect(onAir.reduce(0) { $0 + residents[$1] } > 1_000, "EX-1 sees residents to leave out")
        var distanceSearch = search
        distanceSearch.reachBy = .distance
        distanceSearch.outputPath = folder + "/by-distance.csv"
        let byDistance = try CandidateSearch.run(distanceSearch).found
        let withinDistance = Dictionary(byDistance.map { ("\($0.location)", $0.weightedResidentsInReach) }, uniquingKeysWith: max)
        var compared = 0
        for candidate in found {
            let site = proposed(candidate)
            let count = try covered(by: site, on: grid, onCentre: true).subtracting(onAir).reduce(0) { $0 + residents[$1] }
            #expect(abs(count - candidate.weightedResidentsInReach) <= 1e-6 * count, "\(candidate.id): \(count) against \(candidate.weightedResidentsInReach)")
            // The exact kernel, a profile to every cell, sees the same cells.
            let exact = try covered(by: site, on: grid, onCentre: true, kernel: .exact).subtracting(try covered(by: ex1, on: grid, kernel: .exact))
                .reduce(0) { $0 + residents[$1] }
            #expect(abs(exact - count) <= 1e-6 * count, "\(candidate.id): \(count) against \(exact) by the exact kernel")
            if let distance = withinDistance["\(candidate.location)"] {
                compared += 1
                #expect(candidate.weightedResidentsInReach < distance, "\(candidate.id) sees fewer than live within 5 km")
            }
        }
        #expect(compared > 0 && found.map(\.location) != byDistance.map(\.location), "terrain reorders the hilltops")

        // Ranked by the residents each adds: each counts those it sees that neither EX-1 nor a candidate before it sees.
        var addedSearch = search
        addedSearch.ranking = .added
        addedSearch.outputPath = folder + "/added.csv"
        let added = try CandidateSearch.run(addedSearch).found
        #expect(added.count == 12 && added.first == found.first)
        var taken = onAir
        for candidate in added {
            let cells = try covered(by: proposed(candidate), on: grid, onCentre: true).subtracting(taken)
            let count = cells.reduce(0) { $0 + residents[$1] }
            #expect(abs(count - candidate.weightedResidentsInReach) <= 1e-6 * count, "\(candidate.id): \(count) added against \(candidate.weightedResidentsInReach)")
            taken.formUnion(cells)
        }
        #expect(zip(added, added.dropFirst()).allSatisfy { $0.weightedResidentsInReach >= $1.weightedResidentsInReach })
        let seenByAlone = try found.reduce(into: Set<Int>()) { cells, candidate in
            cells.formUnion(try covered(by: proposed(candidate), on: grid, onCentre: true).subtracting(onAir))
        }
        let (addedTotal, aloneTotal) = (added.reduce(0) { $0 + $1.weightedResidentsInReach }, seenByAlone.reduce(0) { $0 + residents[$1] })
        #expect(addedTotal > aloneTotal, "twelve that spread over the valleys see \(addedTotal) residents, the twelve best alone \(aloneTotal)")
    }

    @Test("""
        Reach by an ITM footprint (--model itm --location 90, on the DEM's 30 m cells): each candidate's residents are \
        those its ITM footprint at 90 % of locations out to 5 km covers less those EX-1's covers, fewer cells than the \
        median's and more than its line of sight alone sees (diffraction)
        """)
    func hilltopsRankedByResidentsInITMFootprints() throws {
        let folder = try temporaryFolder("candidates-itm")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var search = request(out: folder + "/candidates.csv")
        (search.existingPath, search.resolution, search.model, search.ranking, search.maximum) = (Fixtures.path("sites/batxat_candidates.csv"), nil, .itm, .alone, 4)
        search.environment.itm.location = 90
        let found = try CandidateSearch.run(search).found
        #expect(found.count == 4)
        let (grid, residents) = try searchGrid(resolution: nil)
        let ex1 = try siteOnAir(), onAir = try covered(by: ex1, on: grid, model: .itm, environment: search.environment)
        for candidate in found {
            let cells = try covered(by: proposed(candidate), on: grid, model: .itm, environment: search.environment, onCentre: true)
            let median = try covered(by: proposed(candidate), on: grid, model: .itm, onCentre: true)
            #expect(cells.isSubset(of: median) && cells.count < median.count, "\(candidate.id): 90 % of locations asks for more than the median")
            let count = cells.subtracting(onAir).reduce(0) { $0 + residents[$1] }
            #expect(abs(count - candidate.weightedResidentsInReach) <= 1e-6 * count, "\(candidate.id): \(count) against \(candidate.weightedResidentsInReach)")
            let seen = try covered(by: proposed(candidate), on: grid, onCentre: true)
            #expect(cells.count > seen.count, "\(candidate.id): ITM covers \(cells.count) cells, line of sight \(seen.count)")
        }
    }

    @Test("""
        Reach by ITM footprints calibrated 10 dB down for every technology finds, hilltop for hilltop, what a search with \
        10 dB less EIRP finds, and fewer residents than without; --calibration with reach by distance, or fitted for \
        another model, is refused writing nothing
        """)
    func hilltopsInCalibratedFootprints() throws {
        let folder = try temporaryFolder("candidates-calibrated")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let down = folder + "/down.csv"
        try "model,technology,offset_db\nitm,all,-10\n".write(toFile: down, atomically: true, encoding: .utf8)
        func search(_ name: String, adjust: (inout CandidateSearchRequest) throws -> Void = { _ in }) throws -> [FoundCandidate] {
            var search = request(out: folder + "/\(name).csv")
            (search.model, search.ranking, search.maximum) = (.itm, .alone, 6)
            try adjust(&search)
            return try CandidateSearch.run(search).found
        }
        let calibrated = try search("calibrated") { $0.calibration = try ModelCalibration.load(down, for: .itm) }
        let weaker = try search("weaker") { $0.eirpDBm -= 10 }
        let plain = try search("plain")
        #expect(calibrated.count == 6 && calibrated.map(\.location) == weaker.map(\.location))
        for (a, b) in zip(calibrated, weaker) {
            #expect(abs(a.weightedResidentsInReach - b.weightedResidentsInReach) <= 1e-6 * b.weightedResidentsInReach, "\(a.id)")
        }
        let total = { (found: [FoundCandidate]) in found.reduce(0) { $0 + $1.weightedResidentsInReach } }
        #expect(total(calibrated) < total(plain), "10 dB less reaches fewer residents")
        func command(_ name: String, _ options: [String]) throws -> ProgramOutput {
            try runProgram(phusongExecutable, [
                "candidates", "--terrain", terrain, "--population", communes, "--resolution-m", "90", "--max-void-fraction", "0.9",
                "--calibration", down, "--out", folder + "/\(name).csv",
            ] + options)
        }
        let byDistance = try command("distance", ["--reach-by", "distance"])
        #expect(byDistance.status == 64 && byDistance.stderr.contains("--calibration needs --reach-by footprint"), "\(byDistance.stderr)")
        let hata = try command("hata", ["--model", "hata"])
        #expect(hata.status == 1 && hata.stderr.contains("\(down): line 2: fitted for itm, but the run's model is hata"), "\(hata.stderr)")
        for name in ["distance", "hata"] { #expect(!FileManager.default.fileExists(atPath: folder + "/\(name).csv")) }
    }

    @Test("""
        Reach by ITM footprints less clutter losses (none on the land cover west of 103.85° E, 25 dB east, where the \
        town is): each candidate's residents are those its footprint covers once each cell's loss is taken off its \
        power, fewer in all than without and ranked otherwise; --clutter alone or with reach by distance is refused (exit 64), a class the table lacks is refused \
        naming the table (exit 1), nothing written
        """)
    func hilltopsInFootprintsLessClutter() throws {
        let folder = try temporaryFolder("candidates-clutter")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Land cover in longitude/latitude over the Bát Xát DEM, 0.001° pixels: class 10 west of 103.85° E, 50 east.
        let (width, height) = (200, 220)
        let raster = folder + "/landcover.tif", table = folder + "/losses.csv", partial = folder + "/partial.csv"
        try GeoTIFF.writeIntegers(
            path: raster, width: width, height: height, values: (0..<(width * height)).map { Int32($0 % width < 100 ? 10 : 50) },
            nodata: 0, georeference: RasterGeoreference(geoTransform: [103.75, 0.001, 0, 22.63, 0, -0.001], crs: .epsg(4326))
        )
        try "class,loss_db\n10,0\n50,25\n".write(toFile: table, atomically: true, encoding: .utf8)
        try "class,loss_db\n10,0\n".write(toFile: partial, atomically: true, encoding: .utf8)
        let clutter = ClutterRequest(rasterPath: raster, lossesPath: table)
        var search = request(out: folder + "/cluttered.csv")
        (search.model, search.ranking, search.maximum, search.clutter) = (.itm, .alone, 6, clutter)
        let found = try CandidateSearch.run(search).found
        (search.clutter, search.outputPath) = (nil, folder + "/plain.csv")
        let plain = try CandidateSearch.run(search).found

        let (grid, residents) = try searchGrid(resolution: 90)
        let losses = try ClutterLosses.load(clutter, onto: grid).perCell
        #expect(Set(losses) == [0, 25], "both classes lie on the grid")
        #expect(found.count == 6)
        for candidate in found {
            let cells = try covered(by: proposed(candidate), on: grid, model: .itm, onCentre: true, losses: losses)
            let count = cells.reduce(0) { $0 + residents[$1] }
            #expect(abs(count - candidate.weightedResidentsInReach) <= 1e-6 * count, "\(candidate.id): \(count) against \(candidate.weightedResidentsInReach)")
        }
        let total = { (found: [FoundCandidate]) in found.reduce(0) { $0 + $1.weightedResidentsInReach } }
        #expect(total(found) < total(plain), "the town's 25 dB leave fewer residents in reach: \(total(found)) against \(total(plain))")
        #expect(found.map(\.location) != plain.map(\.location), "the losses reorder the hilltops")

        func command(_ name: String, _ options: [String]) throws -> ProgramOutput {
            try runProgram(phusongExecutable, [
                "candidates", "--terrain", terrain, "--population", communes, "--resolution-m", "90", "--max-void-fraction", "0.9",
                "--clutter", raster, "--out", folder + "/\(name).csv",
            ] + options)
        }
        let alone = try command("alone", [])
        #expect(alone.status == 64 && alone.stderr.contains("--clutter and --clutter-losses go together"), "\(alone.stderr)")
        let byDistance = try command("distance", ["--clutter-losses", table, "--reach-by", "distance"])
        #expect(byDistance.status == 64 && byDistance.stderr.contains("--clutter needs --reach-by footprint"), "\(byDistance.stderr)")
        let unpriced = try command("unpriced", ["--clutter-losses", partial])
        #expect(unpriced.status == 1 && unpriced.stderr.contains("\(partial): no loss_db for class 50"), "\(unpriced.stderr)")
        for name in ["alone", "distance", "unpriced"] { #expect(!FileManager.default.fileExists(atPath: folder + "/\(name).csv")) }
        let printed = try command("printed", ["--clutter-losses", table, "--model", "itm", "--max-candidates", "2"])
        #expect(printed.status == 0 && printed.stdout.contains("covered by itm, less the clutter losses of \(raster), within 5.0 km"), "\(printed.stdout)")
    }

    @Test("""
        The command alone writes a candidate file with its own header; with an existing file it names its sites on air off the \
        terrain; a bad option exits non-zero and writes nothing
        """)
    func command() throws {
        let folder = try temporaryFolder("candidates-cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let common = [
            "candidates", "--terrain", terrain, "--population", communes, "--resolution-m", "90", "--max-void-fraction", "0.9",
            "--technology", "4G", "--frequency-mhz", "1800", "--eirp-dbm", "62", "--antenna-gain-dbi", "18",
        ]
        let result = try runProgram(phusongExecutable, common + ["--out", folder + "/alone.csv", "--max-candidates", "3"])
        #expect(result.status == 0 && result.stdout.contains(
            "Candidates: 3 hilltops, each next by the residents it adds to those before it (seen within 5.0 km, weighted by priority):"
        ), "\(result.stdout)\(result.stderr)")
        let lines = try String(contentsOfFile: folder + "/alone.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "id,lat,lon,height_m,technology,frequency_mhz,eirp_dbm,antenna_gain_dbi,cost,kind,elevation_m,weighted_residents_in_reach" && lines.count == 4)
        let sites = try CandidateFile.load(folder + "/alone.csv").map(\.site)
        #expect(sites.allSatisfy { $0.technology == .lte && $0.frequencyMHz == 1_800 && $0.eirpDBm == 62 && $0.uplink?.antennaNetGainDB == 18 })
        try """
            id,lat,lon,height_m,technology,frequency_mhz,eirp_dbm,antenna_gain_dbi,cost,kind
            EX-1,22.53,103.88,30,2G,900,60,,,existing
            FAR,10.5,106.7,30,2G,900,60,,,existing
            SH-1,22.50,103.83,30,2G,900,58,,25,shared

            """.write(toFile: folder + "/masts.csv", atomically: true, encoding: .utf8)
        let appended = try runProgram(
            phusongExecutable, common + ["--out", folder + "/appended.csv", "--max-candidates", "2", "--existing", folder + "/masts.csv"]
        )
        #expect(appended.status == 0 && appended.stdout.contains("less those its sites on air reach so (1 on the terrain, 1 off it: FAR)"), "\(appended.stdout)\(appended.stderr)")
        for (option, value, fault) in [
            ("--max-candidates", "0", "--max-candidates must be at least 1"), ("--reach-by", "radio", "'radio' is invalid for '--reach-by"),
            ("--ranking", "best", "'best' is invalid for '--ranking"),
        ] {
            let refused = try runProgram(phusongExecutable, common + ["--out", folder + "/none.csv", option, value])
            #expect(refused.status != 0 && refused.stderr.contains(fault), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/none.csv"))
        }
    }

    @Test("Refused naming the file: an existing file without a cost column, with semicolons, or with a found candidate's id; nothing written")
    func refusals() throws {
        let folder = try temporaryFolder("candidates-bad")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cases = [
            ("no-cost.csv", "id,lat,lon,height_m,eirp_dbm,technology\nEX-1,22.53,103.88,30,60,2G\n", "found candidates need the columns cost"),
            ("semicolons.csv", "id;lat;lon\nEX-1;22,53;103,88\n", "not a comma-separated CSV"),
            ("clash.csv", "id,lat,lon,height_m,eirp_dbm,technology,cost,kind\nHT-1,22.53,103.88,30,60,2G,,existing\n", "already has a candidate 'HT-1'"),
        ]
        for (name, text, fault) in cases {
            try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
            var search = request(out: folder + "/out-" + name)
            search.existingPath = folder + "/" + name
            let error = try #require(throws: InputError.self) { try CandidateSearch.run(search) }
            #expect(error.path == folder + "/" + name && error.reason.contains(fault), "\(name): \(error)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/out-" + name))
        }
    }
}
