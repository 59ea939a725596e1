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
    /// void on the cell's radial, and where a void lies just in front of the cell on its own line. Also the number of
    /// cells where the model ran beyond its validated range (`ModelLoss.beyondValidation`).
    func power() -> (power: [Float], beyondValidation: Int) {
        let radialCount = max(8, Int((4 * Double.pi * parameters.radius / grid.spacing).rounded(.up)))
        var power = [Float](repeating: .nan, count: window.width * window.height)
        let elevations = grid.elevations
        let plan = RadialCellPlan(
            radialCount: radialCount, window: window, grid: grid, observer: observer, radius: parameters.radius,
            exactWithin: exactWithin
        )
        for cell in plan.nextToSite {
            power[cell] = freeSpacePower(column: cell % window.width, row: cell / window.width)
        }
        let radialsPerChunk = 2 * Self.radialsSharingDeltaH  // whole groups, so that they share Δh
        let chunks = (radialCount + radialsPerChunk - 1) / radialsPerChunk
        var beyondValidation = [Int](repeating: 0, count: chunks)
        power.withUnsafeMutableBufferPointer { buffer in
            let output = SharedBuffer(buffer: buffer)
            elevations.withUnsafeBufferPointer { buffer in
                let elevations = SharedBuffer(buffer: buffer)
                beyondValidation.withUnsafeMutableBufferPointer { buffer in
                    let counts = SharedBuffer(buffer: buffer)
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        let radials = (chunk * radialsPerChunk)..<min(radialCount, (chunk + 1) * radialsPerChunk)
                        counts.buffer[chunk] = walk(radials, of: radialCount, plan: plan, elevations: elevations, output: output)
                    }
                }
            }
        }
        return (power, beyondValidation.reduce(0, +))
    }

    /// Walks `radials` (whole groups sharing Δh) with one path and Δh workspace; returns the cells where the model
    /// ran beyond its validated range.
    private func walk(
        _ radials: Range<Int>, of radialCount: Int, plan: RadialCellPlan, elevations: SharedBuffer<UnsafeBufferPointer<Float>>,
        output: SharedBuffer<UnsafeMutableBufferPointer<Float>>
    ) -> Int {
        var path = RadialPath(
            step: grid.spacing, capacity: plan.longest + 1, antennaHeight: site.antennaHeight,
            curvature: model.curvature, statistics: model.pathStatistics
        )
        var workspace = DeltaHWorkspace()
        var beyondValidation = 0
        for radial in radials {
            if radial % Self.radialsSharingDeltaH == 0 { workspace.startGroup() }
            let cells = plan.cells[plan.offsets[radial]..<plan.offsets[radial + 1]]
            guard !cells.isEmpty else { continue }
            walk(
                radial, of: radialCount, cells: cells, elevations: elevations, path: &path, workspace: &workspace,
                output: output, beyondValidation: &beyondValidation
            )
        }
        return beyondValidation
    }

    /// Free-space power at a window cell next to the site, where there is no profile to speak of.
    private func freeSpacePower(column: Int, row: Int) -> Float {
        let (column, row) = (window.column + column, window.row + row)
        let link = link(column: column, row: row, target: Double(grid[column, row]) + parameters.modelReceiverHeight)
        let loss = freeSpaceLoss(distance: link.slant, frequencyMHz: site.frequencyMHz)
        return LinkBudget(site: site, parameters: parameters).receivedPower(loss: loss, over: link)
    }

    /// Walks one radial outward, evaluating each of its cells when the path is `tailSamples` short of the
    /// cell's sample; the tail comes from the cell's own line.
    private func walk(
        _ radial: Int, of radialCount: Int, cells: ArraySlice<UInt64>, elevations: SharedBuffer<UnsafeBufferPointer<Float>>,
        path: inout RadialPath, workspace: inout DeltaHWorkspace, output: SharedBuffer<UnsafeMutableBufferPointer<Float>>,
        beyondValidation: inout Int
    ) {
        let angle = 2 * Double.pi * Double(radial) / Double(radialCount)
        let (east, south) = (sin(angle), -cos(angle))
        path.removeAll(step: grid.spacing)
        path.append(ground)
        let terrain = GridSampler(elevations: elevations.buffer, width: grid.width, height: grid.height)
        let origin = (column: observer.column, row: observer.row)
        let budget = LinkBudget(site: site, parameters: parameters)
        let receiverHeight = parameters.modelReceiverHeight
        for entry in cells {
            let sample = Int(entry >> 32), cell = Int(entry & 0xFFFF_FFFF)
            guard path.appendSamples(
                upTo: max(1, sample - Self.tailSamples), of: terrain, origin: origin, direction: (east, south)
            ) else { return }  // a void: nothing beyond it on this radial has a profile
            let column = window.column + cell % window.width, row = window.row + cell / window.width
            let toCell = (column: Double(column) - observer.column, row: Double(row) - observer.row)
            let cellGround = grid[column, row]
            guard path.placeReceiver(ground: Double(cellGround), at: sample, of: terrain, origin: origin, toReceiver: toCell)
            else { continue }  // a void just in front of the cell: no profile
            let link = link(column: column, row: row, target: Double(cellGround) + receiverHeight)
            guard let loss = model.loss(along: path, distance: link.distance, workspace: &workspace) else { continue }
            if loss.beyondValidation { beyondValidation &+= 1 }
            output.buffer[cell] = budget.receivedPower(loss: loss.dB, over: link, arrivalElevation: loss.arrivalElevationDegrees)
        }
    }

    private func link(column: Int, row: Int, target: Double) -> CellLink {
        CellLink(column: column, row: row, observer: observer, targetHeight: target, spacing: grid.spacing, earth: parameters.earth)
    }
}

/// A buffer that parallel workers share: the terrain, which they only read, and the buffers they write into, each
/// its own disjoint part — the output (every cell belongs to exactly one radial), and the plan's counts and cell list
/// (each block of rows counts and places its own cells, each radial sorts its own slice).
struct SharedBuffer<Buffer>: @unchecked Sendable {
    let buffer: Buffer
}
