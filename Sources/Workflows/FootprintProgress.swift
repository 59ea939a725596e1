/// What a footprint run is doing, told to progress displays as the run moves on: after its sites are done, a run of
/// many sites still spends a while on their union, overlaps and rasters, then on writing its files.
public enum FootprintProgress: Sendable, Equatable {
    /// Reading the DEM and putting it on the metric grid, before any of `sites` sites starts.
    case loadingTerrain(sites: Int)
    /// `done` of `total` sites computed (0 when they start).
    case sites(done: Int, total: Int)
    /// Every site done: the footprints' union and pairwise overlaps, and the rasters.
    case combining
    /// Writing `footprints.geojson`, `summary.json` and, with residents, their outputs.
    case writing
}
