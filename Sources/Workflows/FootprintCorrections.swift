import Coverage
import Terrain

/// What a run adds to and takes off each site's modelled power, in this order: the model's calibration against drive
/// tests, then the land cover's clutter losses at the receiver.
struct FootprintCorrections: Sendable {
    var calibration: ModelCalibration?
    var clutter: ClutterLosses?

    /// `coverage` of a site at map `position` on `grid`, corrected; as it is without either.
    func applied(to coverage: SiteCoverage, at position: MapPoint, on grid: TerrainGrid) -> SiteCoverage {
        let calibrated = calibration?.applied(to: coverage, at: position, on: grid) ?? coverage
        return clutter?.applied(to: calibrated, gridWidth: grid.width) ?? calibrated
    }
}
