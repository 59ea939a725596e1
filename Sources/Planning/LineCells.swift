import Terrain

/// Lines walked over a grid's cells, each segment cut where it crosses a cell's edge.
struct LineCells {
    let grid: TerrainGrid

    /// Calls `piece` for each piece of `line` within one cell, in order — the cell (nil off the grid or over a void),
    /// the point where the piece begins and its length — and `vertex` at the end of each segment.
    func walk(_ line: [MapPoint], piece: (_ cell: Int?, _ start: MapPoint, _ length: Double) -> Void, vertex: (MapPoint) -> Void) {
        for (start, end) in zip(line, line.dropFirst()) where start != end {
            let length = ((end.x - start.x) * (end.x - start.x) + (end.y - start.y) * (end.y - start.y)).squareRoot()
            func point(_ t: Double) -> MapPoint { MapPoint(x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t) }
            let cuts = crossings(start, end)
            for (t0, t1) in zip(cuts, cuts.dropFirst()) where t1 > t0 {
                let cell = grid.cellIndex(containing: point((t0 + t1) / 2)).flatMap { grid.elevations[$0].isNaN ? nil : $0 }
                piece(cell, point(t0), (t1 - t0) * length)
            }
            vertex(end)
        }
    }

    /// The metres of `lines` on each cell over terrain.
    func metresPerCell(_ lines: [[MapPoint]]) -> [Int: Double] {
        var metres: [Int: Double] = [:]
        for line in lines {
            walk(line) { cell, _, length in
                if let cell { metres[cell, default: 0] += length }
            } vertex: { _ in }
        }
        return metres
    }

    /// 0, 1 and the fractions of the segment from `start` to `end` where it crosses a cell edge of the grid, in order.
    private func crossings(_ start: MapPoint, _ end: MapPoint) -> [Double] {
        var cuts: [Double] = [0, 1]
        let spacing = grid.spacing
        func add(from: Double, to: Double, lines first: Double, last: Double, at edge: (Int) -> Double) {
            guard from != to, first <= last else { return }
            for index in Int(first)...Int(last) {
                let t = (edge(index) - from) / (to - from)
                if t > 0, t < 1 { cuts.append(t) }
            }
        }
        let (left, right) = (min(start.x, end.x), max(start.x, end.x))
        add(
            from: start.x, to: end.x,
            lines: max(0, ((left - grid.cornerX) / spacing).rounded(.up)), last: min(Double(grid.width), ((right - grid.cornerX) / spacing).rounded(.down))
        ) { grid.cornerX + Double($0) * spacing }
        let (low, high) = (min(start.y, end.y), max(start.y, end.y))
        add(
            from: start.y, to: end.y,
            lines: max(0, ((grid.cornerY - high) / spacing).rounded(.up)), last: min(Double(grid.height), ((grid.cornerY - low) / spacing).rounded(.down))
        ) { grid.cornerY - Double($0) * spacing }
        return cuts.sorted()
    }
}
