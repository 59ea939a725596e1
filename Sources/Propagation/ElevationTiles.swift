import Terrain

/// Highest elevations of a rectangle of a grid over square tiles of several sizes (`sizes`: 8, 64, 512 cells),
/// so that a line-of-sight scan can pass over every run of samples that lies wholly below the ray without
/// reading them. A tile holding a void has an infinite maximum and is never passed over, so voids on the
/// way are still found.
public struct ElevationTiles: Sendable {
    /// Tile sides, finest first; each divides the next.
    static let sizes = [8, 64, 512]

    struct Level: Sendable {
        let size: Int
        /// log₂ of `size`.
        let shift: Int
        let columns: Int
        let rows: Int
        let maxima: [Float]
    }

    /// Grid column and row of the rectangle's top-left cell.
    let column: Int
    let row: Int
    let levels: [Level]

    /// Tiles over `width` × `height` cells from (`column`, `row`) of `elevations` (row-major, `gridWidth` wide).
    public init(
        elevations: UnsafeBufferPointer<Float>, gridWidth: Int, column: Int, row: Int, width: Int, height: Int
    ) {
        self.column = column
        self.row = row
        var levels: [Level] = []
        var previous: Level?
        for size in Self.sizes {
            // Sides are powers of two: a cell's or a finer tile's tile by shifts (a division per cell cost an
            // integer divide instruction each).
            let shift = size.trailingZeroBitCount
            let columns = (width + size - 1) &>> shift, rows = (height + size - 1) &>> shift
            var maxima = [Float](repeating: -.infinity, count: columns * rows)
            maxima.withUnsafeMutableBufferPointer { maxima in
                if let previous {
                    let ratioShift = shift - previous.shift
                    for fineRow in 0..<previous.rows {
                        let tileRow = (fineRow &>> ratioShift) &* columns, fineRowStart = fineRow &* previous.columns
                        for fineColumn in 0..<previous.columns {
                            let tile = tileRow &+ fineColumn &>> ratioShift
                            maxima[tile] = max(maxima[tile], previous.maxima[fineRowStart &+ fineColumn])
                        }
                    }
                } else {
                    for cellRow in 0..<height {
                        let tileRow = (cellRow &>> shift) &* columns, rowStart = (row &+ cellRow) &* gridWidth &+ column
                        for cellColumn in 0..<width {
                            let value = elevations[rowStart &+ cellColumn], tile = tileRow &+ cellColumn &>> shift
                            maxima[tile] = value.isNaN ? .infinity : max(maxima[tile], value)
                        }
                    }
                }
            }
            let level = Level(size: size, shift: shift, columns: columns, rows: rows, maxima: maxima)
            levels.append(level)
            previous = level
        }
        self.levels = levels
    }

    /// The last line, going the scan's way, of the tile at `level` that holds `line`.
    func lastLine(from line: Int, level: Int, scan: AxisScan) -> Int {
        let origin = scan.linesAreColumns ? column : row, shift = levels[level].shift
        let tileStart = ((line &- origin) &>> shift) &<< shift &+ origin
        return scan.delta > 0 ? tileStart &+ (1 &<< shift) &- 1 : tileStart
    }

    /// Whether every sample on lines `first`…`last` lies below the ray by more than a centimetre: the
    /// highest cell of the tiles those samples read against the lowest the ray comes over their distances.
    func isBelowRay(lines first: Int, _ last: Int, level index: Int, scan: AxisScan) -> Bool {
        let level = levels[index]
        let (lineOrigin, crossOrigin) = scan.linesAreColumns ? (column, row) : (row, column)
        let (lineTiles, crossTiles) = scan.linesAreColumns ? (level.columns, level.rows) : (level.rows, level.columns)
        let nearFraction = scan.fraction(first), farFraction = scan.fraction(last)
        let nearAlong = scan.along(nearFraction), farAlong = scan.along(farFraction)
        // The margin keeps a line between the two ends from reading a cell below the range by rounding.
        let lowestCell = floorInteger(min(nearAlong, farAlong) - 1e-6) &- crossOrigin
        let highestCell = floorInteger(max(nearAlong, farAlong)) &+ 1 &- crossOrigin
        // Shifts by a tile side's log₂ (under 64), so without Swift's check for larger shifts.
        let lineTile = (first &- lineOrigin) &>> level.shift
        guard lineTile < lineTiles else { return false }
        var highest = -Float.infinity
        var crossTile = max(0, lowestCell &>> level.shift)
        let lastCrossTile = min(crossTiles &- 1, max(0, highestCell &>> level.shift))
        while crossTile <= lastCrossTile {
            let tile = scan.linesAreColumns ? crossTile &* level.columns &+ lineTile : lineTile &* level.columns &+ crossTile
            highest = max(highest, level.maxima[tile])
            crossTile &+= 1
        }
        let clearance = scan.lowestRay(from: nearFraction * scan.distance, to: min(farFraction, 1) * scan.distance)
        return Double(highest) < clearance - 0.01
    }
}
