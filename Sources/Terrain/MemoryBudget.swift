import Foundation

/// How much memory a run may take, and what it holds besides the terrain grid, so that a radius or resolution
/// that would not fit is refused before anything large is allocated.
///
/// The estimate is the larger of two phases: loading (cell centres and elevations of the metric grid, and the
/// DEM window read for it) and computing (the caller's rasters over the whole grid, plus the sites' windows —
/// squares of twice the radius — held at once). Measured on N44W072 (one ITM site, 30 km): 178 MB at 30 m and
/// 495 MB at 15 m, against estimates of 176 MB and 512 MB.
public struct MemoryBudget: Sendable, Equatable {
    /// The cap in bytes.
    public var limitBytes: UInt64
    /// Bytes the caller keeps per cell of the whole grid while computing (elevations, best server, residents…).
    public var bytesPerGridCell: Int
    /// Bytes per cell of one site's window while it is computed.
    public var bytesPerWindowCell: Int
    /// How many sites' windows are computed at once.
    public var windowsAtOnce: Int

    /// Half of the machine's physical memory.
    public static let defaultLimitBytes = ProcessInfo.processInfo.physicalMemory / 2

    /// Bytes taken whatever the grid: the program, GDAL's and PROJ's caches.
    static let baseBytes = 64 << 20
    /// Loading: elevations (sampled and kept) per grid cell, and cell centres (two doubles) when the PROJ lattice
    /// is not faithful and every centre is transformed.
    static let loadingBytesPerGridCell = 24
    /// Loading: the DEM window read, with the void filling's working copy.
    static let loadingBytesPerSourceCell = 8

    public init(
        limitBytes: UInt64 = MemoryBudget.defaultLimitBytes, bytesPerGridCell: Int = 8, bytesPerWindowCell: Int = 0,
        windowsAtOnce: Int = 0
    ) {
        self.limitBytes = limitBytes
        self.bytesPerGridCell = bytesPerGridCell
        self.bytesPerWindowCell = bytesPerWindowCell
        self.windowsAtOnce = windowsAtOnce
    }

    /// Bytes a run needs for a grid of `gridCells`, read from `sourceCells` DEM cells, with windows of `windowCells`
    /// (counts as doubles: a mistaken resolution can ask for more cells than an integer holds).
    public func estimate(gridCells: Double, sourceCells: Double, windowCells: Double) -> Double {
        let loading = Double(Self.loadingBytesPerGridCell) * gridCells + Double(Self.loadingBytesPerSourceCell) * sourceCells
        let computing = Double(bytesPerGridCell) * gridCells + Double(bytesPerWindowCell * windowsAtOnce) * windowCells
        return Double(Self.baseBytes) + max(loading, computing)
    }

    /// Whether the estimate fits under the cap.
    public func allows(_ estimate: Double) -> Bool { estimate <= Double(limitBytes) }
}

/// A byte count for people: "11.7 GiB", "512 MiB".
public func formatBytes(_ bytes: Double) -> String {
    let mebibytes = bytes / 1_048_576
    let gibibytes = mebibytes / 1_024
    if gibibytes >= 1e6 { return String(format: "%.3g GiB", gibibytes) }
    return gibibytes >= 1 ? String(format: "%.1f GiB", gibibytes) : String(format: "%.0f MiB", mebibytes)
}
