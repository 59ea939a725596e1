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
/// radial nearest to it, at the sample nearest to its distance. A radial is walked outward once: its
/// `RadialPath` keeps the profile statistics the model needs, and every cell on it is evaluated when the
/// walk reaches it, with the cell's own ground height and true distance. Radials run in parallel.
struct RadialSweep {
    let site: Site
    let observer: GridObserver
    let ground: Double
    let window: CoverageWindow
    let grid: TerrainGrid
    let parameters: CoverageParameters
    let model: RadialLossModel

    /// Sample steps of each radial: s, 1.04 s, 1.08 s, 1.12 s.
    private static let stepsPerRadial = 4
    private static let stepIncrement = 0.04

    private func step(variant: Int) -> Double { grid.spacing * (1 + Double(variant) * Self.stepIncrement) }

    /// Received power (dBm) for every window cell, row-major; NaN beyond the radius, on voids, and
    /// behind a void on the cell's radial.
    func power() -> [Float] {
        let radialCount = max(8, Int((4 * Double.pi * parameters.radius / grid.spacing).rounded(.up)))
        let walkCount = radialCount * Self.stepsPerRadial
        var power = [Float](repeating: .nan, count: window.width * window.height)
        let plan = assignCells(radialCount: radialCount, power: &power)
        power.withUnsafeMutableBufferPointer { buffer in
            let output = SharedOutput(buffer: buffer)
            let walksPerChunk = 64
            let chunks = (walkCount + walksPerChunk - 1) / walksPerChunk
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var path = RadialPath(
                    step: grid.spacing, capacity: plan.longest + 1, antennaHeight: site.antennaHeight,
                    curvature: model.curvature
                )
                var workspace = DeltaHWorkspace()
                for walk in (chunk * walksPerChunk)..<min(walkCount, (chunk + 1) * walksPerChunk) {
                    // A radial's walks run in turn on one worker (a chunk holds whole radials) and share Δh.
                    if walk % Self.stepsPerRadial == 0 { workspace.startRadial() }
                    let cells = plan.cells[plan.offsets[walk]..<plan.offsets[walk + 1]]
                    guard !cells.isEmpty else { continue }
                    self.walk(walk, of: radialCount, cells: cells, path: &path, workspace: &workspace, output: output)
                }
            }
        }
        return power
    }

    /// Cells grouped by walk (radial × step) and sorted by sample: `cells[offsets[w]..<offsets[w+1]]` holds
    /// walk w's cells as sample << 32 | window index. Cells within one cell of the site get free-space power.
    private func assignCells(radialCount: Int, power: inout [Float]) -> (cells: [UInt64], offsets: [Int], longest: Int) {
        let sector = 2 * Double.pi / Double(radialCount)
        let radiusSquared = parameters.radius * parameters.radius
        var walkOfCell = [Int32](repeating: -1, count: power.count)
        var sampleOfCell = [UInt32](repeating: 0, count: power.count)
        let walkCount = radialCount * Self.stepsPerRadial
        var counts = [Int](repeating: 0, count: walkCount + 1)
        var longest = 1
        for row in 0..<window.height {
            for column in 0..<window.width {
                let cellGround = grid[window.column + column, window.row + row]
                guard !cellGround.isNaN else { continue }
                let link = link(column: window.column + column, row: window.row + row, ground: cellGround)
                guard link.distance * link.distance <= radiusSquared else { continue }
                let cell = row * window.width + column
                if link.distance < grid.spacing {
                    let loss = freeSpaceLoss(distance: link.slant, frequencyMHz: site.frequencyMHz)
                    power[cell] = link.receivedPower(loss: loss, site: site, receiver: parameters.receiver)
                    continue
                }
                var radial = Int((atan2(link.east, link.north) / sector).rounded())
                if radial < 0 { radial += radialCount }
                if radial >= radialCount { radial -= radialCount }
                var variant = 0, nearest = 0.0, offset = Double.infinity
                for candidate in 0..<Self.stepsPerRadial {
                    let samples = link.distance / step(variant: candidate)
                    if abs(samples - samples.rounded()) < offset {
                        (variant, nearest, offset) = (candidate, samples.rounded(), abs(samples - samples.rounded()))
                    }
                }
                let sample = max(1, Int(nearest))
                let walk = radial * Self.stepsPerRadial + variant
                walkOfCell[cell] = Int32(walk)
                sampleOfCell[cell] = UInt32(sample)
                counts[walk + 1] += 1
                longest = max(longest, sample)
            }
        }
        for walk in 0..<walkCount { counts[walk + 1] += counts[walk] }
        var cells = [UInt64](repeating: 0, count: counts[walkCount])
        var filled = counts
        for cell in walkOfCell.indices where walkOfCell[cell] >= 0 {
            let walk = Int(walkOfCell[cell])
            cells[filled[walk]] = UInt64(sampleOfCell[cell]) << 32 | UInt64(cell)
            filled[walk] += 1
        }
        for walk in 0..<walkCount { cells[counts[walk]..<counts[walk + 1]].sort() }
        return (cells, counts, longest)
    }

    /// Walks one radial outward with one of its steps, evaluating each of its cells when the path reaches
    /// the cell's sample.
    private func walk(
        _ walk: Int, of radialCount: Int, cells: ArraySlice<UInt64>, path: inout RadialPath, workspace: inout DeltaHWorkspace,
        output: SharedOutput
    ) {
        let angle = 2 * Double.pi * Double(walk / Self.stepsPerRadial) / Double(radialCount)
        let step = step(variant: walk % Self.stepsPerRadial)
        let (east, south) = (sin(angle) * step / grid.spacing, -cos(angle) * step / grid.spacing)
        path.removeAll(step: step)
        path.append(ground)
        for entry in cells {
            let sample = Int(entry >> 32), cell = Int(entry & 0xFFFF_FFFF)
            while path.count < sample {
                let index = Double(path.count)
                guard let height = sampleHeight(column: observer.column + index * east, row: observer.row + index * south)
                else { return }  // a void: nothing beyond it on this radial has a profile
                path.append(Double(height))
            }
            let column = window.column + cell % window.width, row = window.row + cell / window.width
            let cellGround = grid[column, row]
            let link = link(column: column, row: row, ground: cellGround)
            path.placeReceiver(ground: Double(cellGround))
            guard let loss = model.loss(along: path, distance: link.distance, workspace: &workspace) else { continue }
            output.buffer[cell] = link.receivedPower(loss: loss, site: site, receiver: parameters.receiver)
        }
    }

    private func link(column: Int, row: Int, ground: Float) -> CellLink {
        CellLink(
            column: column, row: row, observer: observer, targetHeight: Double(ground) + parameters.receiverHeight,
            spacing: grid.spacing, earth: parameters.earth
        )
    }

    /// Bilinear ground height at fractional cell coordinates, clamped to the grid's edge cells.
    private func sampleHeight(column: Double, row: Double) -> Float? {
        bilinear(
            grid.elevations, width: grid.width, height: grid.height,
            column: min(max(column, 0), Double(grid.width - 1)), row: min(max(row, 0), Double(grid.height - 1))
        )
    }
}

/// The output buffer radials write into; every cell belongs to exactly one radial.
private struct SharedOutput: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Float>
}
