import Foundation
import Planning
import Terrain
import Workflows

/// The grid a hilltop search of `search` (90 m cells, a 5 km reach) cuts over its communes, made apart for the tests that
/// recount what each hilltop reaches, and whether a cell's centre lies within that reach of a hilltop (on the grid's CRS).
struct CandidateSearchGrid {
    let grid: TerrainGrid
    let toGrid: CoordinateTransform

    init(_ search: CandidateSearchRequest) throws {
        let bounds = try AdminLayer.load(search.residents.populationPath).bounds
        let centre = GeoPoint(latitude: (bounds.minY + bounds.maxY) / 2, longitude: (bounds.minX + bounds.maxX) / 2)
        grid = try DEMSource.open(search.terrainPath).metricGrid(around: [centre], radius: 5_000, region: bounds, resolution: 90, policy: search.voidPolicy).grid
        toGrid = CoordinateTransform(from: wgs84, to: grid.crs)
    }

    /// A hilltop search of `communes` over `terrain` (90 m cells, by distance within 5 km, each ranked alone, up to 500)
    /// writing into `folder`, without and then with what `weighing` adds to its request; the weighed request's grid.
    static func searches(
        terrain: String, communes: String, folder: String, weighing: (inout CandidateSearchRequest) -> Void
    ) throws -> (plain: [FoundCandidate], weighted: [FoundCandidate], grid: CandidateSearchGrid) {
        var search = CandidateSearchRequest(terrainPath: terrain, residents: ResidentsRequest(populationPath: communes), outputPath: folder + "/plain.csv")
        (search.resolution, search.voidPolicy.maxVoidFraction, search.maximum, search.reachBy, search.ranking) = (90, 0.9, 500, .distance, .alone)
        let plain = try CandidateSearch.run(search).found
        search.outputPath = folder + "/weighted.csv"
        weighing(&search)
        return (plain, try CandidateSearch.run(search).found, try CandidateSearchGrid(search))
    }

    /// Whether `cell`'s centre lies within 5 km of `candidate`'s hilltop.
    func reaches(_ candidate: FoundCandidate, cell: Int) throws -> Bool {
        let hilltop = try toGrid.apply([MapPoint(x: candidate.location.longitude, y: candidate.location.latitude)])[0]
        let centre = grid.center(column: cell % grid.width, row: cell / grid.width)
        return hypot(centre.x - hilltop.x, centre.y - hilltop.y) <= 5_000 + 1e-6
    }
}
