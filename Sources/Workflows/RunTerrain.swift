import Coverage
import Foundation
import Planning
import Terrain

extension FootprintRequest {
    /// The run's terrain on its metric grid — around `sites` (or the request's `gridAround`) and `layer`'s communes —
    /// and its land cover on that grid; a site off the terrain is refused with `outside`'s error for the site's index
    /// and the reason.
    func loadTerrain(
        for sites: [Site], layer: AdminLayer?, outside: (Int, String) -> InputError
    ) throws(InputError) -> (terrain: LoadedTerrain, clutter: ClutterLosses?) {
        let source = try DEMSource.open(terrainPath)
        if let index = try source.indicesOutside(sites.map(\.location)).first {
            throw outside(index, try source.outsideReason(for: sites[index].location))
        }
        let terrain = try source.metricGrid(
            around: gridAround ?? sites.map(\.location), radius: parameters.radius, region: layer?.bounds,
            resolution: resolution, minimumRadiusCells: CoverageParameters.minimumRadiusCells, policy: voidPolicy,
            memory: memoryBudget(sites: sites)
        )
        let clutter = try clutter.map { clutter throws(InputError) in try ClutterLosses.load(clutter, onto: terrain.grid) }
        return (terrain, clutter)
    }

    /// Where `sites` stand on `grid`, and the grid's digest for the footprint cache when the run has one ("" without).
    func placesOnGrid(_ sites: [Site], grid: TerrainGrid) throws(InputError) -> (positions: [MapPoint], gridDigest: String) {
        let positions: [MapPoint]
        do { positions = try CoverageEngine.positions(of: sites, on: grid) } catch {
            throw InputError(path: sitesPath, reason: error.message)
        }
        return (positions, footprintCache.map { _ in FootprintCache.digest(of: grid) } ?? "")
    }

    /// The error for a site that cannot be computed where it stands, naming it, its place and the terrain.
    func placementError(_ error: SiteCoverageError, site: Site) -> InputError {
        let place = String(format: "%.5f, %.5f", site.location.latitude, site.location.longitude)
        return InputError(path: sitesPath, reason: "site '\(site.id)' at \(place) \(error.reason) (terrain \(terrainPath))")
    }
}
