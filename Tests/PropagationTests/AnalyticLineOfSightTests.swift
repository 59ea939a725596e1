import Propagation
import Terrain
import Testing

/// Line of sight on terrains whose answer is known in closed form, compared cell for cell.
@Suite("Line of sight on analytic terrain")
struct AnalyticLineOfSightTests {
    /// Visibility of every cell of `grid` from `observer`, with receivers `receiverHeight` above ground.
    /// Every answer is also found with tile maxima, which must not change it.
    func visibility(
        _ grid: TerrainGrid, observer: (column: Int, row: Int, mast: Double), receiverHeight: Double = 1.5,
        earth: EarthModel = .flat
    ) -> [[Visibility]] {
        let eye = GridObserver(
            column: Double(observer.column), row: Double(observer.row),
            height: Double(grid[observer.column, observer.row]) + observer.mast
        )
        let plain = LineOfSightGrid(grid, earth: earth, tiled: false).visibility(from: eye, receiverHeight: receiverHeight)
        let tiled = LineOfSightGrid(grid, earth: earth, tiled: true, hinted: true).visibility(from: eye, receiverHeight: receiverHeight)
        #expect(zip(plain.joined(), tiled.joined()).allSatisfy { $0 == $1 }, "tile maxima or blocker hints changed an answer")
        return plain
    }

    func grid(width: Int, height: Int, spacing: Double = 30, elevation: (Int, Int) -> Float) -> TerrainGrid {
        var values = [Float](repeating: 0, count: width * height)
        for row in 0..<height { for column in 0..<width { values[row * width + column] = elevation(column, row) } }
        return TerrainGrid(epsg: 32648, width: width, height: height, spacing: spacing, cornerX: 0, cornerY: 0, elevations: values)
    }

    @Test("Flat earth (k → ∞), flat and tilted planes: every cell is visible")
    func flatEarth() {
        for slope: Float in [0, 0.8, -1.5] {
            let plane = grid(width: 61, height: 47) { column, row in 200 + slope * Float(column) + 0.3 * Float(row) }
            let seen = visibility(plane, observer: (17, 23, 10))
            #expect(seen.joined().allSatisfy { $0 == .visible }, "slope \(slope)")
        }
    }

    @Test("A straight ridge: shadowed exactly from the ridge to where the ray clears its crest")
    func singleRidge() {
        // Observer mast 200 m at column 5; a 100 m ridge along column 25. A receiver at column c > 25
        // sees the mast iff 200 + (1.5 − 200)·(20 / (c − 5)) ≥ 100, i.e. c ≥ 5 + 20·198.5/100 = 44.7.
        let ridge = grid(width: 81, height: 41) { column, _ in column == 25 ? 100 : 0 }
        let seen = visibility(ridge, observer: (5, 20, 200))
        for row in 0..<41 {
            for column in 0..<81 {
                let ray = 200 + (1.5 - 200) * 20 / Double(column - 5)
                let expected = column <= 25 || ray >= 100
                #expect((seen[row][column] == .visible) == expected, "cell \(column),\(row)")
            }
        }
    }

    @Test("A cone seen from its apex: every cell is visible")
    func coneFromApex() {
        let cone = grid(width: 101, height: 101) { column, row in
            let r = 30 * (Double((column - 50) * (column - 50) + (row - 50) * (row - 50))).squareRoot()
            return Float(1_000 - 0.2 * r)
        }
        let seen = visibility(cone, observer: (50, 50, 10))
        #expect(seen.joined().allSatisfy { $0 == .visible })
    }

    @Test("A cone seen from a high mast: along its axis, hidden from the apex until the ray clears it")
    func coneShadow() {
        // Cone of 300 m, slope 15 m per cell, apex at column 60. Mast 800 m at column 10 on the same row.
        // Beyond the apex, c is visible iff 800 + (1.5 − 800)·50/(c − 10) ≥ 300, i.e. c ≥ 89.85.
        let cone = grid(width: 121, height: 41) { column, row in
            let r = (Double((column - 60) * (column - 60) + (row - 20) * (row - 20))).squareRoot()
            return Float(max(0, 300 - 15 * r))
        }
        let seen = visibility(cone, observer: (10, 20, 800))
        for column in 0..<121 {
            let expected = column <= 60 || 800 + (1.5 - 800) * 50 / Double(column - 10) >= 300
            #expect((seen[20][column] == .visible) == expected, "column \(column)")
        }
    }

    @Test("Smooth earth with k = 4/3: the radio horizon is √(2kR·h₁) + √(2kR·h₂)")
    func curvatureHorizon() {
        let earth = EarthModel()
        let flat = grid(width: 401, height: 3, spacing: 100) { _, _ in 0 }
        let seen = visibility(flat, observer: (0, 1, 30), earth: earth)
        let effective = 2 * earth.kFactor * earth.radius
        let horizon = (effective * 30).squareRoot() + (effective * 1.5).squareRoot()
        for column in 1..<401 {
            let distance = 100 * Double(column)
            if distance <= horizon - 100 { #expect(seen[1][column] == .visible, "\(distance) m") }
            if distance >= horizon + 100 { #expect(seen[1][column] == .blocked, "\(distance) m") }
        }
        #expect(abs(earth.drop(atDistance: 10_000) - 10_000 * 10_000 / effective) < 1e-12)
    }

    @Test("A ray across a void is unknown, not visible; an obstacle still blocks")
    func voids() {
        var terrain = grid(width: 40, height: 5) { _, _ in 0 }
        terrain.elevations[2 * 40 + 20] = .nan
        let open = visibility(terrain, observer: (0, 2, 20))
        #expect(open[2][30] == .unknown)
        #expect(open[0][30] == .visible)
        terrain.elevations[2 * 40 + 10] = 500
        #expect(visibility(terrain, observer: (0, 2, 20))[2][30] == .blocked)
    }
}

/// Line of sight from one observer to every cell of a grid, with or without tile maxima and sector horizons over a
/// window, and with or without carrying the blocker hint along each row as the coverage engine does.
struct LineOfSightGrid {
    let grid: TerrainGrid
    let earth: EarthModel
    let tiled: Bool
    let hinted: Bool

    init(_ grid: TerrainGrid, earth: EarthModel, tiled: Bool, hinted: Bool = false) {
        self.grid = grid
        self.earth = earth
        self.tiled = tiled
        self.hinted = hinted
    }

    /// Visibility of the cells of `columns` × `rows` (default: all), tiles built over just that window.
    func visibility(
        from eye: GridObserver, receiverHeight: Double, columns: Range<Int>? = nil, rows: Range<Int>? = nil
    ) -> [[Visibility]] {
        let columns = columns ?? 0..<grid.width, rows = rows ?? 0..<grid.height
        let sight = LineOfSight(earth: earth)
        return grid.elevations.withUnsafeBufferPointer { elevations in
            let tiles = tiled
                ? ElevationTiles(
                    elevations: elevations, gridWidth: grid.width, column: columns.lowerBound, row: rows.lowerBound,
                    width: columns.count, height: rows.count
                ) : nil
            let farthest = [columns.lowerBound, columns.upperBound - 1].flatMap { column in
                [rows.lowerBound, rows.upperBound - 1].map { row in
                    ((Double(column) - eye.column) * (Double(column) - eye.column) + (Double(row) - eye.row) * (Double(row) - eye.row)).squareRoot()
                }
            }.max()!
            let horizons = tiled
                ? SectorHorizons(
                    elevations: elevations, gridWidth: grid.width, column: columns.lowerBound, row: rows.lowerBound,
                    width: columns.count, height: rows.count, observer: eye, spacing: grid.spacing,
                    curvature: earth.curvature, radius: farthest * grid.spacing
                ) : nil
            return rows.map { row in
                var hint = Double.nan
                return columns.map { column in
                    if !hinted { hint = .nan }
                    return sight.visibility(
                        elevations: elevations, width: grid.width, height: grid.height, spacing: grid.spacing,
                        observer: eye, column: column, row: row,
                        targetHeight: Double(grid[column, row]) + receiverHeight, tiles: tiles, horizons: horizons,
                        blockerHint: &hint
                    )
                }
            }
        }
    }
}
