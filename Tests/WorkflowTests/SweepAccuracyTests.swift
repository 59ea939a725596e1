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

    /// The site's coverage within `radius` metres (15 km: 162 cells, enough for radial sweeps) on the tile's native
    /// grid with the fast and the exact kernel.
    func bothKernels(
        _ model: PathLossModel, radius: Double = 15_000
    ) throws -> (sweep: SiteCoverage, exact: SiteCoverage, parameters: CoverageParameters) {
        let grid = try DEMSource.open(SharedData.path("terrain/N44W072.hgt"))
            .metricGrid(around: [site.location], radius: radius).grid
        let position = try CoverageEngine.positions(of: [site], on: grid)[0]
        var parameters = CoverageParameters(radius: radius, model: model)
        let sweep = try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters)
        parameters.kernel = .exact
        let exact = try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters)
        return (sweep, exact, parameters)
    }

    @Test("LOS: tile maxima give exactly the exact kernel's powers and mask")
    func lineOfSight() throws {
        let (sweep, exact, _) = try bothKernels(.los)
        let seen = exact.power.filter { !$0.isNaN }.count
        #expect(seen > 1_000 && seen < exact.power.count / 2, "a real mix of seen and hidden cells (\(seen))")
        #expect(zip(sweep.power, exact.power).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }

    @Test(
        "ITM, its area mode and P.526: same cells evaluated, median |Δ| ≤ 0.3 dB, 95th percentile ≤ 1.5 dB",
        arguments: [PathLossModel.itm, .itmArea, .p526]
    )
    func contract(model: PathLossModel) throws {
        let (sweep, exact, parameters) = try bothKernels(model)
        #expect(zip(sweep.power, exact.power).allSatisfy { $0.isNaN == $1.isNaN }, "both kernels evaluate the same cells")
        var differences = zip(sweep.power, exact.power).filter { !$0.0.isNaN }.map { Double(abs($0.0 - $0.1)) }
        differences.sort()
        let median = differences[differences.count / 2], p95 = differences[differences.count * 95 / 100]
        let threshold = Float(parameters.threshold(for: site))
        let maskChanges = zip(sweep.power, exact.power).filter { ($0.0 >= threshold) != ($0.1 >= threshold) }.count
        print("\(model.rawValue) sweep vs exact, \(differences.count) cells: median |Δ| \(median) dB, 95th percentile \(p95) dB, "
            + "coverage mask differs on \(maskChanges) cells")
        #expect(median <= 0.3)
        #expect(p95 <= 1.5)
        #expect(Double(maskChanges) <= 0.01 * Double(differences.count))
    }

    @Test("ITM sweeps leave the cells within 50 of the site to exact profiles: the exact kernel's powers there, not beyond")
    func exactCore() throws {
        let (sweep, exact, _) = try bothKernels(.itm)
        let grid = try DEMSource.open(SharedData.path("terrain/N44W072.hgt")).metricGrid(around: [site.location], radius: 15_000).grid
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
