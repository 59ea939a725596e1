import Dispatch
import Foundation
import Propagation
import Terrain

/// Which cells of a coverage window each radial of a sweep evaluates, and in what order: the radial nearest to a
/// cell, at the sample nearest to its distance. `cells[offsets[r]..<offsets[r+1]]` holds radial r's cells as
/// sample << 32 | window index, sorted by sample.
struct RadialCellPlan {
    let cells: [UInt64]
    let offsets: [Int]
    /// The farthest sample any radial reaches.
    let longest: Int
    /// Window indices of the cells within one cell of the site, which have no profile to speak of.
    let nextToSite: [Int]

    /// Plans `radialCount` radials over `window` for an observer at fractional grid position `observer`; cells on
    /// voids, beyond `radius` or nearer than `exactWithin` metres belong to no radial. A bucket sort on all cores:
    /// blocks of rows count their cells per radial, then write them to their places, then each radial sorts its own.
    init(
        radialCount: Int, window: CoverageWindow, grid: TerrainGrid, observer: GridObserver, radius: Double,
        exactWithin: Double
    ) {
        let locator = CellLocator(
            window: window, grid: grid, observer: observer, radius: radius, exactWithin: exactWithin,
            radialCount: radialCount
        )
        let blocks = RowBlocks(window: window)
        var counts = [Int](repeating: 0, count: blocks.count * radialCount)
        let (placements, longest) = counts.withUnsafeMutableBufferPointer { counts in
            Self.place(blocks: blocks, locator: locator, counts: SharedBuffer(buffer: counts))
        }
        let offsets = Self.firstPlaces(&counts, blockCount: blocks.count, radialCount: radialCount)
        cells = counts.withUnsafeMutableBufferPointer { places in
            Self.gather(placements, blocks: blocks, places: SharedBuffer(buffer: places), offsets: offsets)
        }
        self.offsets = offsets
        self.longest = longest
        nextToSite = locator.cellsAroundObserver().filter { placements[$0] == CellPlacement.nextToSite }
    }

    /// Every window cell's placement and the farthest sample, block by block on all cores; each block counts its
    /// cells per radial into its own row of `counts`.
    private static func place(
        blocks: RowBlocks, locator: CellLocator, counts: SharedBuffer<UnsafeMutableBufferPointer<Int>>
    ) -> (placements: [CellPlacement], longest: Int) {
        var longestPerBlock = [Int](repeating: 1, count: blocks.count)
        let placements = longestPerBlock.withUnsafeMutableBufferPointer { longest in
            let longest = SharedBuffer(buffer: longest)
            return [CellPlacement](unsafeUninitializedCapacity: blocks.cellCount) { placements, initialized in
                let output = SharedBuffer(buffer: placements)
                DispatchQueue.concurrentPerform(iterations: blocks.count) { block in
                    let blockCounts = counts.buffer.baseAddress! + block * locator.radialCount
                    var blockLongest = 1
                    for row in blocks.rows(block) {
                        for column in 0..<blocks.width {
                            let placement = locator.placement(column: column, row: row)
                            output.buffer.initializeElement(at: row &* blocks.width &+ column, to: placement)
                            guard placement.isOnRadial else { continue }
                            blockCounts[placement.radial] += 1
                            blockLongest = max(blockLongest, placement.sample)
                        }
                    }
                    longest.buffer[block] = blockLongest
                }
                initialized = blocks.cellCount
            }
        }
        return (placements, longestPerBlock.max() ?? 1)
    }

    /// Turns block-major counts into each block's first place in its radial's slice, and returns where each
    /// radial's slice starts (with the total last).
    private static func firstPlaces(_ counts: inout [Int], blockCount: Int, radialCount: Int) -> [Int] {
        var offsets = [Int](repeating: 0, count: radialCount + 1)
        for radial in 0..<radialCount {
            var place = offsets[radial]
            for block in 0..<blockCount {
                let count = counts[block * radialCount + radial]
                counts[block * radialCount + radial] = place
                place += count
            }
            offsets[radial + 1] = place
        }
        return offsets
    }

    /// The radial (of `radialCount`, the first due north, clockwise) nearest to the direction of (`east`, `north`): by
    /// `Bearing`, unless the direction lies so near the middle between two radials that its error could tip the
    /// choice, where libm's `atan2` decides, as everywhere before (the same radial for every cell).
    static func nearestRadial(east: Double, north: Double, of radialCount: Int) -> Int {
        func radial(turns: Double) -> (radial: Int, fraction: Double) {
            let position = (turns < 0 ? turns + 1 : turns) * Double(radialCount) + 0.5
            let whole = floorInteger(position)
            return (whole >= radialCount ? whole - radialCount : whole, position - Double(whole))
        }
        let estimate = radial(turns: Bearing.turns(east: east, north: north))
        let margin = Bearing.maximumError * Double(radialCount)
        guard estimate.fraction < margin || estimate.fraction > 1 - margin else { return estimate.radial }
        return radial(turns: atan2(east, north) / (2 * Double.pi)).radial
    }

    /// Every block writes its cells to its own places, then each radial sorts its own slice, on all cores.
    private static func gather(
        _ placements: [CellPlacement], blocks: RowBlocks, places: SharedBuffer<UnsafeMutableBufferPointer<Int>>,
        offsets: [Int]
    ) -> [UInt64] {
        let radialCount = offsets.count - 1
        var cells = [UInt64](repeating: 0, count: offsets[radialCount])
        cells.withUnsafeMutableBufferPointer { cells in
            let output = SharedBuffer(buffer: cells)
            DispatchQueue.concurrentPerform(iterations: blocks.count) { block in
                let blockPlaces = places.buffer.baseAddress! + block * radialCount
                for cell in blocks.cells(block) where placements[cell].isOnRadial {
                    let placement = placements[cell]
                    output.buffer[blockPlaces[placement.radial]] = UInt64(placement.sample) << 32 | UInt64(cell)
                    blockPlaces[placement.radial] += 1
                }
            }
            DispatchQueue.concurrentPerform(iterations: (radialCount + 255) / 256) { chunk in
                for radial in (chunk * 256)..<min(radialCount, (chunk + 1) * 256) {
                    var slice = UnsafeMutableBufferPointer(rebasing: output.buffer[offsets[radial]..<offsets[radial + 1]])
                    slice.sort()
                }
            }
        }
        return cells
    }
}

/// A window split into blocks of whole rows, for the plan's passes.
private struct RowBlocks {
    let width: Int
    let height: Int
    /// Enough blocks for both cores to stay busy although rows near the window's middle hold more cells.
    var count: Int { min(height, 32) }
    var cellCount: Int { width * height }

    init(window: CoverageWindow) {
        width = window.width
        height = window.height
    }

    /// The window rows of block `block`.
    func rows(_ block: Int) -> Range<Int> {
        (block * height / count)..<((block + 1) * height / count)
    }

    /// The window indices of block `block`'s cells.
    func cells(_ block: Int) -> Range<Int> {
        let rows = rows(block)
        return (rows.lowerBound * width)..<(rows.upperBound * width)
    }
}

/// Where a window cell's power comes from, in eight bytes: the radial nearest to it at the sample nearest to its
/// distance (radial << 32 | sample, sample ≥ 1), free space within one cell of the site, or not from the sweep
/// (void, beyond the radius, or within the exact core).
private struct CellPlacement: Equatable {
    let packed: UInt64
    static let outside = CellPlacement(packed: .max)
    static let nextToSite = CellPlacement(packed: .max - 1)

    private init(packed: UInt64) { self.packed = packed }
    init(radial: Int, sample: Int) { packed = UInt64(radial) << 32 | UInt64(sample) }

    var isOnRadial: Bool { packed < Self.nextToSite.packed }
    var radial: Int { Int(packed >> 32) }
    var sample: Int { Int(packed & 0xFFFF_FFFF) }
}

/// Places window cells on radials.
private struct CellLocator: Sendable {
    let window: CoverageWindow
    let grid: TerrainGrid
    let observer: GridObserver
    let radius: Double
    let exactWithin: Double
    let radialCount: Int

    /// The placement of the cell at `column`, `row` of the window. Only the cell's offset from the site matters
    /// here, in cells; positive values are rounded by adding ½ and truncating (the same as `rounded()`, without its
    /// libm call).
    func placement(column: Int, row: Int) -> CellPlacement {
        let column = window.column &+ column, row = window.row &+ row
        guard !grid[column, row].isNaN else { return .outside }
        let east = Double(column) - observer.column, north = observer.row - Double(row)
        let cells = (east * east + north * north).squareRoot(), distance = cells * grid.spacing
        guard distance <= radius, distance >= exactWithin else { return .outside }
        guard cells >= 1 else { return .nextToSite }
        let radial = RadialCellPlan.nearestRadial(east: east, north: north, of: radialCount)
        return CellPlacement(radial: radial, sample: floorInteger(cells + 0.5))
    }

    /// Window indices of the cells whose centres lie less than one cell from the observer in both directions: the
    /// only ones that can lie within one cell of it.
    func cellsAroundObserver() -> [Int] {
        let columns = Int(observer.column.rounded(.down)) - 1 ... Int(observer.column.rounded(.down)) + 1
        let rows = Int(observer.row.rounded(.down)) - 1 ... Int(observer.row.rounded(.down)) + 1
        return rows.flatMap { row in
            columns.compactMap { column in
                let (x, y) = (column - window.column, row - window.row)
                return (0..<window.width).contains(x) && (0..<window.height).contains(y) ? y * window.width + x : nil
            }
        }
    }
}
