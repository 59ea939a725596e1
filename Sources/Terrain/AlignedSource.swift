/// A DEM that already is a metric grid: square pixels of the grid's spacing in a UTM zone, which the grid then takes
/// for its own. A grid cut on its pixel lattice takes the heights as they are — resampling between pixel centres
/// would smooth them — and lines up pixel for pixel with the DEM, so that the outputs and the input combine cell
/// by cell.
struct AlignedSource {
    let frame: RasterFrame

    /// nil unless `frame` (in a UTM zone) has square pixels of `spacing` metres.
    init?(_ frame: RasterFrame, spacing: Double) {
        let tolerance = 1e-9 * spacing
        guard abs(frame.pixelWidth - spacing) <= tolerance, abs(frame.pixelHeight - spacing) <= tolerance else { return nil }
        self.frame = frame
    }

    /// The centre of the pixel nearest to `point`, on the lattice continued beyond the raster if need be.
    func pixelCentre(nearest point: MapPoint) -> MapPoint {
        let column = ((point.x - frame.cornerX) / frame.pixelWidth - 0.5).rounded()
        let row = ((frame.cornerY - point.y) / frame.pixelHeight - 0.5).rounded()
        return MapPoint(x: frame.cornerX + (column + 0.5) * frame.pixelWidth, y: frame.cornerY - (row + 0.5) * frame.pixelHeight)
    }
}

extension ElevationRaster {
    /// The heights of a layout whose cell centres are this raster's pixel centres; NaN where the layout leaves it.
    func cells(of layout: GridLayout) -> [Float] {
        let columnOffset = Int(((layout.cornerX - frame.cornerX) / frame.pixelWidth).rounded())
        let rowOffset = Int(((frame.cornerY - layout.cornerY) / frame.pixelHeight).rounded())
        let layoutWidth = layout.width
        return parallelMap(count: layout.width * layout.height) { cell in
            let column = cell % layoutWidth + columnOffset, row = cell / layoutWidth + rowOffset
            guard column >= 0, column < width, row >= 0, row < height else { return .nan }
            return self[column, row]
        }
    }
}
