import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing

@Suite("ITM beyond its validated range: footprints count the cells", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct ModelValidityTests {
    let site = Site(
        id: "NH-1", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 900,
        eirpDBm: 60, technology: .gsm
    )

    func coverage(_ model: PathLossModel, radius: Double, kernel: CoverageKernel) throws -> (SiteCoverage, TerrainGrid, MapPoint) {
        let grid = try DEMSource.open(SharedData.path("terrain/N44W072.hgt")).metricGrid(around: [site.location], radius: radius).grid
        let position = try CoverageEngine.positions(of: [site], on: grid)[0]
        var parameters = CoverageParameters(radius: radius, model: model)
        parameters.kernel = kernel
        return (try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters), grid, position)
    }

    /// The count and share the footprint's warning gives, nil without one.
    func beyondValidation(_ coverage: SiteCoverage) throws -> (cells: Int, percent: Double)? {
        guard let warning = coverage.warnings.first(where: { $0.hasPrefix("ITM beyond its validated range") }) else { return nil }
        let match = try #require(warning.firstMatch(of: /on ([0-9.]+) % of the cells reached \(([0-9]+)\)/))
        return (Int(match.output.2)!, Double(match.output.1)!)
    }

    @Test("""
        The exact kernel's count is the number of cells whose own ITM profile has a horizon angle beyond ±200 mrad at \
        either end, recomputed cell by cell (4 km around NH-1 on N44W072: steep enough for hundreds)
        """)
    func exactCount() throws {
        let (coverage, grid, position) = try coverage(.itm, radius: 4_000, kernel: .exact)
        var steep = 0, reached = 0
        for row in 0..<coverage.height {
            for column in 0..<coverage.width where !coverage.power[row * coverage.width + column].isNaN {
                reached += 1
                let centre = grid.center(column: coverage.column + column, row: coverage.row + row)
                // Within one cell of the site the footprint takes free space, which has no horizon.
                guard hypot(centre.x - position.x, centre.y - position.y) >= grid.spacing else { continue }
                let result = try ITM.pointToPoint(
                    profile: try grid.profile(from: position, to: centre), transmitterHeight: 30, receiverHeight: 1.5,
                    frequencyMHz: 900, environment: ITMEnvironment()
                )
                let angles = result.geometry.horizonAngles
                if abs(angles.0) > 0.2 || abs(angles.1) > 0.2 { steep += 1 }
            }
        }
        let counted = try #require(try beyondValidation(coverage))
        #expect(counted.cells == steep && steep > 100, "\(counted.cells) against \(steep) of \(reached)")
        #expect(abs(counted.percent - 100 * Double(steep) / Double(reached)) < 0.05)
    }

    @Test("The sweep finds the same share as the exact kernel within a point (15 km); P.526 and free space warn of nothing")
    func sweepShare() throws {
        let sweep = try #require(try beyondValidation(try coverage(.itm, radius: 15_000, kernel: .sweep).0))
        let exact = try #require(try beyondValidation(try coverage(.itm, radius: 15_000, kernel: .exact).0))
        #expect(abs(sweep.percent - exact.percent) < 1 && exact.percent > 10, "sweep \(sweep.percent) %, exact \(exact.percent) %")
        for model in [PathLossModel.p526, .fspl] {
            #expect(try beyondValidation(try coverage(model, radius: 15_000, kernel: .sweep).0) == nil, "\(model)")
        }
    }
}
