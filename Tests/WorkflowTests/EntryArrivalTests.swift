import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing

@Suite("P.2109's building loss at the path's arrival: the horizon at the receiver, with ITM and P.526", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct EntryArrivalTests {
    let site = Site(
        id: "NH-1", location: GeoPoint(latitude: 44.45, longitude: -71.45), antennaHeight: 30, frequencyMHz: 900,
        eirpDBm: 60, technology: .gsm
    )

    /// NH-1's power by `model` for a handset in P.2109's traditional buildings, and with their median at level incidence
    /// given flat, on `grid`.
    func powers(
        _ model: PathLossModel, on grid: TerrainGrid, radius: Double, kernel: CoverageKernel
    ) throws -> (entry: SiteCoverage, flat: SiteCoverage) {
        let position = try CoverageEngine.positions(of: [site], on: grid)[0]
        let building = BuildingPenetration(walls: .traditional)
        var parameters = CoverageParameters(radius: radius, model: model, receiver: ReceiverBudget(penetration: building))
        parameters.kernel = kernel
        let entry = try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters)
        parameters.receiver = ReceiverBudget(indoorLossDB: building.lossDB(frequencyMHz: 900))
        return (entry, try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters))
    }

    /// The elevation (degrees) at which a path over `profile` reaches a handset 1.5 m up from an antenna 30 m up, on an
    /// earth of 4/3 the radius, worked out here from the profile itself: the steepest slope from the handset to a point
    /// of the terrain between them, or to the antenna when that is steeper (in sight); slopes less the earth's bulge,
    /// as ITM and Bullington take them.
    func arrival(over profile: TerrainProfile) -> Double {
        let z = profile.elevations, length = profile.length
        let bulge: Double = 1 / (2 * 6_371_000 * 4.0 / 3)
        let handset = z[z.count - 1] + 1.5
        var steepest = (z[0] + 30 - handset) / length - length * bulge
        for index in 1..<(z.count - 1) {
            let back = length - Double(index) * profile.step
            steepest = max(steepest, (z[index] - handset) / back - back * bulge)
        }
        return steepest * 180 / .pi
    }

    @Test("""
        On the exact kernel every cell loses what P.2109's median gains at the elevation at which its profile reaches \
        the handset — over the last ridge where one stands in the way, not along the straight line to the antenna: \
        more than a degree steeper in over half the cells within 3 km of NH-1 — with ITM and with P.526
        """, arguments: [PathLossModel.itm, .p526])
    func exactKernel(model: PathLossModel) throws {
        let grid = try DEMSource.open(SharedData.path("terrain/N44W072.hgt")).metricGrid(around: [site.location], radius: 3_000).grid
        let (entry, flat) = try powers(model, on: grid, radius: 3_000, kernel: .exact)
        let position = try CoverageEngine.positions(of: [site], on: grid)[0]
        let ground = Double(try #require(grid.siteGround(at: site.location, position: position)))
        let excess = try #require(BuildingPenetration(walls: .traditional).elevationExcess(frequencyMHz: 900))
        var checked = 0, steeper = 0
        for row in 0..<entry.height {
            for column in 0..<entry.width {
                let cell = row * entry.width + column
                guard !flat.power[cell].isNaN else { continue }
                let centre = grid.center(column: entry.column + column, row: entry.row + row)
                // Within one cell of the site the footprint takes free space, along the straight line.
                guard hypot(centre.x - position.x, centre.y - position.y) >= grid.spacing else { continue }
                let profile = try grid.profile(from: position, to: centre).standing(start: ground)
                let angle = arrival(over: profile), lost = Double(flat.power[cell] - entry.power[cell])
                #expect(abs(lost - excess.lossDB(elevationDegrees: angle)) < 0.01, "\(model) cell \(column),\(row): \(lost) dB at \(angle)°")
                let rise = ground + 30 - profile.elevations.last! - 1.5 - EarthModel().drop(atDistance: profile.length)
                if abs(angle) > abs(atan2(rise, profile.length) * 180 / .pi) + 1 { steeper += 1 }
                checked += 1
            }
        }
        #expect(checked > 3_000 && steeper > checked / 2, "\(steeper) of \(checked) cells reached more than 1° steeper than the line")
    }

    @Test(
        "The sweep's losses at the arrival follow the exact kernel's: median |Δ| under 0.01 dB, 95th percentile under 0.15 dB (5 km at 30 m)",
        arguments: [PathLossModel.itm, .p526]
    )
    func sweepFollowsExact(model: PathLossModel) throws {
        let grid = try DEMSource.open(SharedData.path("terrain/N44W072.hgt"))
            .metricGrid(around: [site.location], radius: 5_000, resolution: 30).grid
        let sweep = try powers(model, on: grid, radius: 5_000, kernel: .sweep)
        let exact = try powers(model, on: grid, radius: 5_000, kernel: .exact)
        var differences: [Double] = []
        for cell in sweep.entry.power.indices where !sweep.flat.power[cell].isNaN && !exact.flat.power[cell].isNaN {
            let swept = Double(sweep.flat.power[cell] - sweep.entry.power[cell])
            let profiled = Double(exact.flat.power[cell] - exact.entry.power[cell])
            differences.append(abs(swept - profiled))
        }
        differences.sort()
        let median = differences[differences.count / 2], high = differences[differences.count * 95 / 100]
        #expect(differences.count > 50_000 && median < 0.01 && high < 0.15, "\(model): median \(median), 95th \(high) dB over \(differences.count) cells")
    }
}
