import Coverage
import Foundation
import Propagation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("Link budget in footprints", .enabled(if: SharedData.isAvailable, SharedData.absence))
struct LinkBudgetFootprintTests {
    let sitesPath = Fixtures.path("sites/nh_sectors_linkbudget.geojson")

    @Test("Sites given by transmit power, antenna gain (property or pattern file) and feeder loss")
    func eirpFromParts() throws {
        let sites = try SiteFile.load(sitesPath)
        #expect(abs(sites[0].eirpDBm - (43 + 15.9 + 2.15 - 3)) < 1e-9)
        #expect(sites[0].thresholdDBm == -90)
        guard case .measured(let file) = sites[0].antenna.pattern else { Issue.record("expected the MSI pattern"); return }
        #expect(file.name == "PHUSONG-TEST-SECTOR-65-900" && sites[0].antenna.mechanicalTilt == 1)
        #expect(sites[1].eirpDBm == 43 + 17 - 2)
        #expect(sites[1].frequencyMHz == 2_100)
        #expect(sites[1].antenna.electricalTilt == 3)
    }

    @Test("Received power = EIRP + pattern − path loss + receiver gain − margins; per-site threshold used")
    func receivedPower() throws {
        let site = try SiteFile.load(sitesPath)[0]
        let grid = try DEMSource.open(SharedData.path("terrain/N44W072.hgt")).metricGrid(around: [site.location], radius: 3_000).grid
        let position = try CoverageEngine.positions(of: [site], on: grid)[0]
        let receiver = ReceiverBudget(antennaGainDBi: 2, indoorLossDB: 12, bodyLossDB: 3, foliageLossDB: 4)
        let parameters = CoverageParameters(radius: 3_000, model: .fspl, receiver: receiver)
        let coverage = try CoverageEngine.coverage(of: site, at: position, on: grid, parameters: parameters)
        #expect(coverage.threshold == -90)
        let ground = Double(grid.elevation(at: position)!) + site.antennaHeight
        var checked = 0
        for index in stride(from: 0, to: coverage.power.count, by: 31) where !coverage.power[index].isNaN {
            let column = coverage.column + index % coverage.width, row = coverage.row + index / coverage.width
            let cell = grid.center(column: column, row: row)
            let east = cell.x - position.x, north = cell.y - position.y
            let horizontal = (east * east + north * north).squareRoot()
            let rise = Double(grid[column, row]) + 1.5 - parameters.earth.drop(atDistance: horizontal) - ground
            let slant = (horizontal * horizontal + rise * rise).squareRoot()
            let pattern = site.antenna.relativeGain(azimuth: atan2(east, north) * 180 / .pi, elevation: atan2(rise, horizontal) * 180 / .pi)
            let expected = site.eirpDBm + pattern - freeSpaceLoss(distance: slant, frequencyMHz: 900) + 2 - 12 - 3 - 4
            #expect(abs(Double(coverage.power[index]) - expected) < 1e-3)
            checked += 1
        }
        #expect(checked > 50)
    }
}
