import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing

/// The radial-sweep kernel against the exact kernel (a full profile from the site to every cell centre)
/// on real terrain: the accuracy contract of the footprint kernel.
@Suite("Sweep kernel accuracy on real terrain", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct SweepAccuracyTests {
    let site = Site(
        id: "NH-1", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 900,
        eirpDBm: 60, technology: .gsm
    )

    /// A site in the Bát Xát DEM (Copernicus GLO-30, 1″: real 30 m terrain in Vietnam's northern mountains).
    let batXatSite = Site(
        id: "BX-1", location: GeoPoint(latitude: 22.52, longitude: 103.848), antennaHeight: 30, frequencyMHz: 900,
        eirpDBm: 60, technology: .gsm
    )

    /// The site's coverage within `radius` metres (15 km: 162 cells, enough for radial sweeps) on the tile's native
    /// grid with the fast and the exact kernel, and the grid.
    func bothKernels(
        _ model: PathLossModel, radius: Double = 15_000
    ) throws -> (sweep: SiteCoverage, exact: SiteCoverage, parameters: CoverageParameters, grid: TerrainGrid) {
        try bothKernels(model, site: site, terrain: "terrain/N44W072.hgt", radius: radius)
    }

    /// `site`'s coverage within `radius` metres on the native grid of `terrain` (a path in the shared data) with the
    /// fast and the exact kernel, and the grid.
    func bothKernels(
        _ model: PathLossModel, site: Site, terrain: String, radius: Double
    ) throws -> (sweep: SiteCoverage, exact: SiteCoverage, parameters: CoverageParameters, grid: TerrainGrid) {
        let grid = try DEMSource.open(SharedData.path(terrain)).metricGrid(around: [site.location], radius: radius).grid
        let position = try CoverageEngine.positions(of: [site], on: grid)[0]
        var parameters = CoverageParameters(radius: radius, model: model)
        let sweep = try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters)
        parameters.kernel = .exact
        let exact = try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters)
        return (sweep, exact, parameters, grid)
    }

    @Test("LOS: tile maxima give exactly the exact kernel's powers and mask")
    func lineOfSight() throws {
        let (sweep, exact, _, _) = try bothKernels(.los)
        let seen = exact.power.filter { !$0.isNaN }.count
        #expect(seen > 1_000 && seen < exact.power.count / 2, "a real mix of seen and hidden cells (\(seen))")
        #expect(zip(sweep.power, exact.power).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }

    @Test(
        "ITM, its area mode and P.526: same cells evaluated, median |Δ| ≤ 0.3 dB, 95th percentile ≤ 1.5 dB",
        arguments: [PathLossModel.itm, .itmArea, .p526]
    )
    func contract(model: PathLossModel) throws {
        let (sweep, exact, parameters, _) = try bothKernels(model)
        #expect(zip(sweep.power, exact.power).allSatisfy { $0.isNaN == $1.isNaN }, "both kernels evaluate the same cells")
        expectContract(sweep: sweep, exact: exact, threshold: parameters.threshold(for: site), label: "\(model.rawValue) on N44W072 3″")
    }

    @Test(
        "The contract on real 1″ terrain with voids (Copernicus GLO-30, Bát Xát's mountains, no data outside its clip), 9 km: 300 cells of 30 m",
        arguments: [PathLossModel.itm, .itmArea, .p526]
    )
    func contractOnArcSecondTerrain(model: PathLossModel) throws {
        let (sweep, exact, parameters, grid) = try bothKernels(
            model, site: batXatSite, terrain: "terrain/batxat_copernicus_glo30.tif", radius: 9_000
        )
        #expect(zip(sweep.power, exact.power).contains { $0 != $1 && !$0.isNaN }, "the sweep ran, not the exact kernel")
        // Near a void the kernels' samples fall differently (the sweep's on its radial and the cell's tail, the exact
        // kernel's on its own steps), so one may meet the void where the other passes beside it: only cells whose line
        // from the site passes within two cells of a void may be evaluated by one kernel and not the other.
        let place = grid.gridPosition(of: try CoverageEngine.positions(of: [batXatSite], on: grid)[0])
        func lineNearVoid(column: Int, row: Int) -> Bool {
            let steps = Int(hypot(Double(column) - place.column, Double(row) - place.row).rounded(.up))
            return (0...steps).contains { step in
                let fraction = Double(step) / Double(steps)
                let c = Int((place.column + fraction * (Double(column) - place.column)).rounded())
                let r = Int((place.row + fraction * (Double(row) - place.row)).rounded())
                return (max(0, r - 2)...min(grid.height - 1, r + 2)).contains { r in
                    (max(0, c - 2)...min(grid.width - 1, c + 2)).contains { grid[$0, r].isNaN }
                }
            }
        }
        let disagreeing = sweep.power.indices.filter { sweep.power[$0].isNaN != exact.power[$0].isNaN }
        let nearVoids = disagreeing.filter { lineNearVoid(column: sweep.column + $0 % sweep.width, row: sweep.row + $0 / sweep.width) }
        #expect(grid.elevations.contains { $0.isNaN }, "the terrain has voids")
        #expect(nearVoids.count == disagreeing.count, "cells evaluated by one kernel only have a void within two cells of their line")
        #expect(Double(disagreeing.count) <= 0.001 * Double(sweep.power.count))
        expectContract(sweep: sweep, exact: exact, threshold: parameters.threshold(for: batXatSite), label: "\(model.rawValue) on Bát Xát 1″")
    }

    /// On the cells both kernels evaluate, the sweep is within the contract of the exact kernel (median |Δ| ≤ 0.3 dB,
    /// 95th percentile ≤ 1.5 dB) and covered/not covered at `threshold` differs on at most 1 % of them.
    func expectContract(sweep: SiteCoverage, exact: SiteCoverage, threshold: Double, label: String) {
        var differences = zip(sweep.power, exact.power).filter { !$0.0.isNaN && !$0.1.isNaN }.map { Double(abs($0.0 - $0.1)) }
        differences.sort()
        let median = differences[differences.count / 2], p95 = differences[differences.count * 95 / 100]
        let threshold = Float(threshold)
        let maskChanges = zip(sweep.power, exact.power).filter { !$0.0.isNaN && !$0.1.isNaN && ($0.0 >= threshold) != ($0.1 >= threshold) }.count
        print("\(label): sweep vs exact, \(differences.count) cells: median |Δ| \(median) dB, 95th percentile \(p95) dB, "
            + "coverage mask differs on \(maskChanges) cells")
        #expect(median <= 0.3)
        #expect(p95 <= 1.5)
        #expect(Double(maskChanges) <= 0.01 * Double(differences.count))
    }

    @Test("ITM sweeps leave the cells within 50 of the site to exact profiles: the exact kernel's powers there, not beyond")
    func exactCore() throws {
        let (sweep, exact, _, grid) = try bothKernels(.itm)
        let place = grid.gridPosition(of: try CoverageEngine.positions(of: [site], on: grid)[0])
        var core = 0, coreEqual = 0, beyondDiffering = 0
        for index in sweep.power.indices where !exact.power[index].isNaN {
            let cells = hypot(Double(sweep.column + index % sweep.width) - place.column, Double(sweep.row + index / sweep.width) - place.row)
            if cells < 49.9 {
                core += 1
                if sweep.power[index] == exact.power[index] { coreEqual += 1 }
            } else if cells > 50.1 && sweep.power[index] != exact.power[index] {
                beyondDiffering += 1
            }
        }
        #expect(core > 7_000 && coreEqual == core, "\(coreEqual) of \(core) cells within 50 of the site equal")
        #expect(beyondDiffering > 10_000, "the sweep runs beyond the core")
    }

    @Test("ITM on radii under 150 cells, where its sweep's shared statistics are too coarse, gets the exact kernel's powers; P.526 still sweeps")
    func shortRadius() throws {
        let itm = try bothKernels(.itm, radius: 4_000)  // 43 cells at 3″
        #expect(itm.exact.power.contains { !$0.isNaN })
        #expect(zip(itm.sweep.power, itm.exact.power).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
        let p526 = try bothKernels(.p526, radius: 4_000)
        #expect(zip(p526.sweep.power, p526.exact.power).contains { $0 != $1 && !$0.isNaN })
    }
}
