import Dispatch
import Foundation
import Propagation
import Terrain

/// The grid cells a site's coverage is computed over: a window of the terrain grid.
struct CoverageWindow {
    let column: Int
    let row: Int
    let width: Int
    let height: Int
}

/// The footprint kernel for terrain models. Radials leave the site every s/(2R) radians (s the cell size,
/// R the radius), so that at the radius neighbouring radials are half a cell apart; each cell belongs to the
/// radial nearest to it, at the sample nearest to its distance. A radial is walked outward once, a sample
/// per cell size: its `RadialPath` keeps the profile statistics the model needs, and every cell on it is
/// evaluated when the walk reaches it, with the cell's own ground height and true distance and the last
/// `tailSamples` samples before it taken on its own line (the terrain just in front of a receiver weighs
/// most on its horizon). Groups of neighbouring radials share ITM's point-to-point Δh (area mode takes each
/// receiver's own); radials run in parallel.
struct RadialSweep {
    let site: Site
    let observer: GridObserver
    let ground: Double
    let window: CoverageWindow
    let grid: TerrainGrid
    let parameters: CoverageParameters
    let model: RadialLossModel
    /// Cells nearer the site than this (metres) are left to the exact kernel: their power stays NaN here.
    let exactWithin: Double

    /// Samples before each receiver taken on the receiver's own line rather than on the radial.
    static let tailSamples = 4
    /// Neighbouring radials (half a cell apart at the radius) that share ITM's Δh, a statistic of the whole
    /// path's roughness: eight span four cells at the radius.
    private static let radialsSharingDeltaH = 8

    /// Received power (dBm) for every window cell, row-major; NaN beyond the radius, on voids, behind a
    /// void on the cell's radial, and where a void lies just in front of the cell on its own line.
    func power() -> [Float] {
        let radialCount = max(8, Int((4 * Double.pi * parameters.radius / grid.spacing).rounded(.up)))
        var power = [Float](repeating: .nan, count: window.width * window.height)
        let elevations = grid.elevations
        let plan = assignCells(radialCount: radialCount, power: &power)
        power.withUnsafeMutableBufferPointer { buffer in
            let output = SharedBuffer(buffer: buffer)
            elevations.withUnsafeBufferPointer { buffer in
                let elevations = SharedBuffer(buffer: buffer)
                let radialsPerChunk = 2 * Self.radialsSharingDeltaH  // whole groups, so that they share Δh
                let chunks = (radialCount + radialsPerChunk - 1) / radialsPerChunk
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    var path = RadialPath(
                        step: grid.spacing, capacity: plan.longest + 1, antennaHeight: site.antennaHeight,
                        curvature: model.curvature, statistics: model.pathStatistics
                    )
                    var workspace = DeltaHWorkspace()
                    for radial in (chunk * radialsPerChunk)..<min(radialCount, (chunk + 1) * radialsPerChunk) {
                        if radial % Self.radialsSharingDeltaH == 0 { workspace.startGroup() }
                        let cells = plan.cells[plan.offsets[radial]..<plan.offsets[radial + 1]]
                        guard !cells.isEmpty else { continue }
                        self.walk(
                            radial, of: radialCount, cells: cells, elevations: elevations, path: &path,
                            workspace: &workspace, output: output
                        )
                    }
                }
            }
        }
        return power
    }

    /// Cells grouped by radial and sorted by sample: `cells[offsets[r]..<offsets[r+1]]` holds radial r's cells
    /// as sample << 32 | window index. Cells within one cell of the site get free-space power. The cells are
    /// placed, and each radial's cells sorted, on all cores.
    private func assignCells(radialCount: Int, power: inout [Float]) -> (cells: [UInt64], offsets: [Int], longest: Int) {
        let width = window.width
        let placements = parallelMap(count: width * window.height) { cell in
            placement(column: cell % width, row: cell / width, radialCount: radialCount)
        }
        var counts = [Int](repeating: 0, count: radialCount + 1)
        var longest = 1
        for (cell, placement) in placements.enumerated() {
            if placement.isOnRadial {
                counts[placement.radial + 1] += 1
                longest = max(longest, placement.sample)
            } else if placement == .nextToSite {
                power[cell] = freeSpacePower(column: cell % width, row: cell / width)
            }
        }
        for radial in 0..<radialCount { counts[radial + 1] += counts[radial] }
        var cells = [UInt64](repeating: 0, count: counts[radialCount])
        var filled = counts
        for (cell, placement) in placements.enumerated() where placement.isOnRadial {
            cells[filled[placement.radial]] = UInt64(placement.sample) << 32 | UInt64(cell)
            filled[placement.radial] += 1
        }
        let offsets = counts
        cells.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffer(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: (radialCount + 255) / 256) { chunk in
                for radial in (chunk * 256)..<min(radialCount, (chunk + 1) * 256) {
                    var slice = UnsafeMutableBufferPointer(rebasing: shared.buffer[offsets[radial]..<offsets[radial + 1]])
                    slice.sort()
                }
            }
        }
        return (cells, offsets, longest)
    }

    /// Where a window cell's power comes from, in eight bytes: the radial nearest to it at the sample nearest to
    /// its distance (radial << 32 | sample, sample ≥ 1), free space within one cell of the site, or not from the
    /// sweep (void, beyond the radius, or within `exactWithin`).
    private struct Placement: Equatable {
        let packed: UInt64
        static let outside = Placement(packed: .max)
        static let nextToSite = Placement(packed: .max - 1)

        private init(packed: UInt64) { self.packed = packed }
        init(radial: Int, sample: Int) { packed = UInt64(radial) << 32 | UInt64(sample) }

        var isOnRadial: Bool { packed < Self.nextToSite.packed }
        var radial: Int { Int(packed >> 32) }
        var sample: Int { Int(packed & 0xFFFF_FFFF) }
    }

    /// Only the cell's offset from the site matters here, in cells; positive values are rounded by adding ½ and
    /// truncating (the same as `rounded()`, without its libm call).
    private func placement(column: Int, row: Int, radialCount: Int) -> Placement {
        guard !grid[window.column + column, window.row + row].isNaN else { return .outside }
        let east = Double(window.column + column) - observer.column, north = observer.row - Double(window.row + row)
        let cells = (east * east + north * north).squareRoot(), distance = cells * grid.spacing
        guard distance <= parameters.radius, distance >= exactWithin else { return .outside }
        guard cells >= 1 else { return .nextToSite }
        let turns = atan2(east, north) / (2 * Double.pi)  // −½…½
        var radial = Int((turns < 0 ? turns + 1 : turns) * Double(radialCount) + 0.5)
        if radial >= radialCount { radial -= radialCount }
        return Placement(radial: radial, sample: Int(cells + 0.5))
    }

    /// Free-space power at a window cell next to the site, where there is no profile to speak of.
    private func freeSpacePower(column: Int, row: Int) -> Float {
        let (column, row) = (window.column + column, window.row + row)
        let link = link(column: column, row: row, ground: grid[column, row])
        let loss = freeSpaceLoss(distance: link.slant, frequencyMHz: site.frequencyMHz)
        return link.receivedPower(loss: loss, site: site, receiver: parameters.receiver)
    }

    /// Walks one radial outward, evaluating each of its cells when the path is `tailSamples` short of the
    /// cell's sample; the tail comes from the cell's own line.
    private func walk(
        _ radial: Int, of radialCount: Int, cells: ArraySlice<UInt64>, elevations: SharedBuffer<UnsafeBufferPointer<Float>>,
        path: inout RadialPath, workspace: inout DeltaHWorkspace, output: SharedBuffer<UnsafeMutableBufferPointer<Float>>
    ) {
        let angle = 2 * Double.pi * Double(radial) / Double(radialCount)
        let (east, south) = (sin(angle), -cos(angle))
        path.removeAll(step: grid.spacing)
        path.append(ground)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.tailSamples) { tail in
            cells: for entry in cells {
                let sample = Int(entry >> 32), cell = Int(entry & 0xFFFF_FFFF)
                let tailStart = max(1, sample - Self.tailSamples)
                while path.count < tailStart {
                    let index = Double(path.count)
                    guard let height = sampleHeight(
                        elevations, column: observer.column + index * east, row: observer.row + index * south
                    ) else { return }  // a void: nothing beyond it on this radial has a profile
                    path.append(Double(height))
                }
                let column = window.column + cell % window.width, row = window.row + cell / window.width
                let toCell = (column: Double(column) - observer.column, row: Double(row) - observer.row)
                for index in tailStart..<sample {
                    let fraction = Double(index) / Double(sample)
                    guard let height = sampleHeight(
                        elevations, column: observer.column + fraction * toCell.column, row: observer.row + fraction * toCell.row
                    ) else { continue cells }  // a void just in front of the cell: no profile
                    tail[index - tailStart] = Double(height)
                }
                let cellGround = grid[column, row]
                let link = link(column: column, row: row, ground: cellGround)
                path.placeReceiver(ground: Double(cellGround), tail: UnsafeBufferPointer(rebasing: tail[..<(sample - tailStart)]))
                guard let loss = model.loss(along: path, distance: link.distance, workspace: &workspace) else { continue }
                output.buffer[cell] = link.receivedPower(loss: loss, site: site, receiver: parameters.receiver)
            }
        }
    }

    private func link(column: Int, row: Int, ground: Float) -> CellLink {
        CellLink(
            column: column, row: row, observer: observer, targetHeight: Double(ground) + parameters.receiverHeight,
            spacing: grid.spacing, earth: parameters.earth
        )
    }

    /// Bilinear ground height at fractional cell coordinates, clamped to the grid's edge cells; inlined, as it runs for
    /// every sample of every radial and tail.
    @inline(__always) private func sampleHeight(_ elevations: SharedBuffer<UnsafeBufferPointer<Float>>, column: Double, row: Double) -> Float? {
        bilinear(
            within: elevations.buffer, width: grid.width, height: grid.height,
            column: min(max(column, 0), Double(grid.width - 1)), row: min(max(row, 0), Double(grid.height - 1))
        )
    }
}

/// A buffer that parallel workers share: the terrain, which they only read, and the buffers they write into, each
/// its own disjoint part — the output (every cell belongs to exactly one radial) and the cell list (each radial
/// sorts its own slice).
private struct SharedBuffer<Buffer>: @unchecked Sendable {
    let buffer: Buffer
}
