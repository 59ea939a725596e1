import Foundation

/// A metric grid cut from a DEM around some sites, with what the void policy did.
public struct LoadedTerrain: Sendable {
    public let grid: TerrainGrid
    public let voids: VoidReport
    /// The DEM's nominal cell size in metres (north–south), the default resolution.
    public let nativeSpacing: Double
}

extension DEMSource {
    /// Cuts a UTM grid covering every point within `radius` metres of `sites`, resampled bilinearly
    /// at `resolution` metres (default: the DEM's native spacing). The UTM zone is the DEM's own when it is
    /// in one (WGS 84), else that of the sites' mean position; the first site sits on a cell centre —
    /// unless the DEM already is a grid of that resolution in that zone: then the grid keeps the DEM's
    /// cells and their heights as they are, and the first site sits in the cell nearest to it. Voids are
    /// filled or refused per `policy`.
    /// With a `region` (WGS84 longitude/latitude bounds, e.g. the communes being evaluated) the grid also
    /// covers that region, and the whole area is clipped to the DEM's extent.
    /// A radius shorter than `minimumRadiusCells` cells is refused: a footprint's radius must span a few cells for
    /// its cells to stand for the disc (0 where the radius is only a margin around the points).
    public func metricGrid(
        around sites: [GeoPoint], radius: Double, region: MapBounds? = nil, resolution: Double? = nil,
        minimumRadiusCells: Int = 0, policy: VoidPolicy = VoidPolicy(), memory: MemoryBudget = MemoryBudget()
    ) throws(InputError) -> LoadedTerrain {
        guard !sites.isEmpty else { throw InputError(path: path, reason: "no sites to cut terrain around") }
        let info = try describe()
        let native = info.frame.nativeSpacing
        let spacing = resolution ?? native
        guard spacing > 0, radius > 0 else {
            throw InputError(path: path, reason: "radius and resolution must be positive")
        }
        guard radius >= Double(minimumRadiusCells) * spacing else {
            throw InputError(
                path: path,
                reason: String(
                    format: "a radius of %g km is shorter than %d cells of %.1f m: lower --resolution-m (resolution_m) or raise --radius-km (radius_km)",
                    radius / 1_000, minimumRadiusCells, spacing
                )
            )
        }
        let meanPoint = GeoPoint(
            latitude: sites.map(\.latitude).reduce(0, +) / Double(sites.count), longitude: GeoPoint.meanLongitude(of: sites)
        )
        let demZone = utmEPSG(of: info.frame.crsWKT)
        let epsg = demZone ?? UTM.epsg(for: meanPoint)
        let projected = try project(sites, to: "EPSG:\(epsg)")
        var area = try areaAround(projected, radius: radius)
        if let region {
            let regionArea = try outlineBounds(region, from: wgs84, to: "EPSG:\(epsg)")
            let terrainArea = try outlineBounds(info.frame.bounds, from: info.frame.crsWKT, to: "EPSG:\(epsg)")
            guard let clipped = area.union(regionArea).intersection(terrainArea) else {
                throw InputError(path: path, reason: "the sites and the region evaluated lie outside the terrain")
            }
            area = clipped
        }
        try checkMemory(memory, area: area, spacing: spacing, nativeSpacing: native, radius: radius)
        let aligned = demZone == nil ? nil : AlignedSource(info.frame, spacing: spacing)
        let layout = GridLayout(anchor: aligned?.pixelCentre(nearest: projected[0]) ?? projected[0], bounds: area, spacing: spacing)
        let cellCount = layout.width * layout.height
        guard cellCount <= 400_000_000 else {
            throw InputError(path: path, reason: "grid of \(layout.width)×\(layout.height) cells is too large; raise --resolution-m (resolution_m)")
        }
        // Cell centres in the DEM's CRS, through PROJ; a DEM on the grid's own lattice needs none.
        let sources = aligned != nil ? nil : try LatticeTransform(layout: layout, tolerance: 0.01 * info.frame.pixelWidth).sourceCoordinates {
            xs, ys throws(InputError) in try transform(xs: &xs, ys: &ys, from: "EPSG:\(epsg)", to: info.frame.crsWKT)
        }
        var report = VoidReport(sourceVoidCells: 0, filledCells: 0, gridVoidCells: 0, gridCells: cellCount)
        let elevations: [Float]
        var grounds: [GeoPoint: Float] = [:]
        if var window = try read(covering: sources?.bounds ?? layout.bounds, of: info) {
            (report.sourceVoidCells, report.filledCells) = window.fillVoids(maxRegionCells: policy.maxFilledRegionCells)
            elevations = sources.map { window.heights(at: $0, rows: layout.height) } ?? window.cells(of: layout)
            for (site, point) in zip(sites, try project(sites, to: info.frame.crsWKT)) {
                grounds[site] = window.height(at: point)
            }
        } else {
            elevations = [Float](repeating: .nan, count: cellCount)  // the terrain does not reach the area at all
        }
        report.gridVoidCells = elevations.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        if report.gridVoidFraction > policy.maxVoidFraction {
            throw InputError(
                path: path,
                reason: String(
                    format: "area of interest is %.1f %% void or outside the terrain (limit %.1f %%): add tiles, reduce the radius, or raise --max-void-fraction (max_void_fraction)",
                    report.gridVoidFraction * 100, policy.maxVoidFraction * 100
                )
            )
        }
        var grid = TerrainGrid(
            epsg: epsg, width: layout.width, height: layout.height, spacing: spacing,
            cornerX: layout.cornerX, cornerY: layout.cornerY, elevations: elevations,
            isSynthetic: info.isSynthetic
        )
        grid.groundAtPoints = grounds
        return LoadedTerrain(grid: grid, voids: report, nativeSpacing: native)
    }

    /// Refuses, before anything large is allocated, a grid whose run would need more memory than the budget.
    private func checkMemory(
        _ memory: MemoryBudget, area: MapBounds, spacing: Double, nativeSpacing: Double, radius: Double
    ) throws(InputError) {
        let width = (area.maxX - area.minX) / spacing + 1, height = (area.maxY - area.minY) / spacing + 1
        let windowSide = 2 * radius / spacing + 1
        let needed = memory.estimate(
            gridCells: width * height, sourceCells: (area.maxX - area.minX) * (area.maxY - area.minY) / (nativeSpacing * nativeSpacing),
            windowCells: windowSide * windowSide
        )
        guard memory.allows(needed) else {
            throw InputError(
                path: path,
                reason: "a grid of \(cellCount(width)) × \(cellCount(height)) cells of \(spacing) m (radius \(radius / 1_000) km) "
                    + "needs about \(formatBytes(needed)), over the memory limit of \(formatBytes(Double(memory.limitBytes))): "
                    + "raise --resolution-m (resolution_m), reduce --radius-km (radius_km) or raise --memory-limit-gb"
            )
        }
    }

    private func cellCount(_ count: Double) -> String { String(format: count < 1e9 ? "%.0f" : "%.3g", count) }

    private func areaAround(_ points: [MapPoint], radius: Double) throws(InputError) -> MapBounds {
        guard let bounds = MapBounds(enclosing: points) else { throw InputError(path: path, reason: "no sites") }
        return MapBounds(minX: bounds.minX - radius, minY: bounds.minY - radius, maxX: bounds.maxX + radius, maxY: bounds.maxY + radius)
    }

    /// The bounds, in `crs`, of a rectangle's outline (32 points per side) given in `source`.
    private func outlineBounds(_ rectangle: MapBounds, from source: String, to crs: String) throws(InputError) -> MapBounds {
        let steps = 32
        var xs: [Double] = [], ys: [Double] = []
        for step in 0...steps {
            let t = Double(step) / Double(steps)
            let x = rectangle.minX + (rectangle.maxX - rectangle.minX) * t
            let y = rectangle.minY + (rectangle.maxY - rectangle.minY) * t
            xs += [x, x, rectangle.minX, rectangle.maxX]
            ys += [rectangle.minY, rectangle.maxY, y, y]
        }
        try transform(xs: &xs, ys: &ys, from: source, to: crs)
        return MapBounds(minX: xs.min()!, minY: ys.min()!, maxX: xs.max()!, maxY: ys.max()!)
    }

    private func project(_ sites: [GeoPoint], to crs: String) throws(InputError) -> [MapPoint] {
        var xs = sites.map(\.longitude), ys = sites.map(\.latitude)
        try transform(xs: &xs, ys: &ys, from: wgs84, to: crs)
        return zip(xs, ys).map { MapPoint(x: $0, y: $1) }
    }

    private func transform(xs: inout [Double], ys: inout [Double], from: String, to: String) throws(InputError) {
        do {
            try CoordinateTransform(from: from, to: to).apply(xs: &xs, ys: &ys)
        } catch {
            throw InputError(path: path, reason: error.message)
        }
    }
}

/// Mean Earth radius in metres (IUGG).
public let meanEarthRadius = 6_371_008.8

/// Placement of a metric grid: cells of `spacing` metres, the anchor on a cell centre, covering
/// every point within `radius` of any of `points`.
struct GridLayout {
    let cornerX: Double
    let cornerY: Double
    let width: Int
    let height: Int
    let spacing: Double

    /// Cells aligned on `anchor` covering `bounds`; the anchor's own cell is always part of the grid.
    init(anchor: MapPoint, bounds: MapBounds, spacing: Double) {
        let left = max(0, Int(((anchor.x - bounds.minX) / spacing).rounded(.up)))
        let right = max(0, Int(((bounds.maxX - anchor.x) / spacing).rounded(.up)))
        let top = max(0, Int(((bounds.maxY - anchor.y) / spacing).rounded(.up)))
        let bottom = max(0, Int(((anchor.y - bounds.minY) / spacing).rounded(.up)))
        self.spacing = spacing
        width = left + right + 1
        height = top + bottom + 1
        cornerX = anchor.x - (Double(left) + 0.5) * spacing
        cornerY = anchor.y + (Double(top) + 0.5) * spacing
    }

    func centerX(_ column: Int) -> Double { cornerX + (Double(column) + 0.5) * spacing }

    func centerY(_ row: Int) -> Double { cornerY - (Double(row) + 0.5) * spacing }

    /// The cells' outer extent.
    var bounds: MapBounds {
        MapBounds(minX: cornerX, minY: cornerY - Double(height) * spacing, maxX: cornerX + Double(width) * spacing, maxY: cornerY)
    }

    func cellCenters() -> (xs: [Double], ys: [Double]) {
        var xs = [Double](repeating: 0, count: width * height), ys = xs
        for row in 0..<height {
            for column in 0..<width {
                xs[row * width + column] = centerX(column)
                ys[row * width + column] = centerY(row)
            }
        }
        return (xs, ys)
    }
}

extension DEMSource {
    /// Indices of the `points` that lie outside the DEM's extent.
    public func indicesOutside(_ points: [GeoPoint]) throws(InputError) -> [Int] {
        let info = try describe()
        var xs = points.map(\.longitude), ys = points.map(\.latitude)
        do {
            try CoordinateTransform(from: wgs84, to: info.frame.crsWKT).apply(xs: &xs, ys: &ys)
        } catch {
            throw InputError(path: path, reason: error.message)
        }
        return points.indices.filter { !info.frame.bounds.contains(MapPoint(x: xs[$0], y: ys[$0])) }
    }

    /// Why `point`, outside the DEM, is refused: "lies outside the terrain", with a hint when the point with its
    /// latitude and longitude swapped would lie on it (a file with its columns the other way round).
    public func outsideReason(for point: GeoPoint) throws(InputError) -> String {
        let swapped = GeoPoint(latitude: point.longitude, longitude: point.latitude)
        guard abs(swapped.latitude) <= 90, try indicesOutside([swapped]).isEmpty else { return "lies outside the terrain" }
        return "lies outside the terrain; at \(String(format: "%.5f, %.5f", swapped.latitude, swapped.longitude)), "
            + "its latitude and longitude swapped, it would lie on it"
    }
}
