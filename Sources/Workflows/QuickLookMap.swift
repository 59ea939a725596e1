import Foundation
import Geometry
import Planning
import Propagation
import Terrain

/// The PNG quick-look of an evaluation: coverage per technology over a hillshade of the run's terrain,
/// commune borders, the sites (in red those `--traffic` finds overloaded), and a legend with a scale bar (and a
/// SYNTHETIC warning when the terrain is).
struct QuickLookMap {
    static let maxSide = 1_400
    static let technologyColors = Technology.allCases.map { (layer: $0.rawValue, color: $0.mapColor) }
    /// The fill of a site that cannot carry its busy hour.
    static let overloadedColor: (UInt8, UInt8, UInt8) = (215, 25, 28)

    /// A site as the map marks it.
    struct Mark {
        let id: String
        let position: MapPoint
        let isOverloaded: Bool
    }

    let width: Int
    let height: Int
    /// Grid cells per image pixel.
    let step: Int
    private(set) var rgb: [UInt8]

    init(grid: TerrainGrid, coverage: CoverageMasks, communes: [MultiPolygon], sites: [Mark]) {
        step = max(1, (max(grid.width, grid.height) + Self.maxSide - 1) / Self.maxSide)
        width = (grid.width + step - 1) / step
        height = (grid.height + step - 1) / step
        rgb = [UInt8](repeating: 255, count: width * height * 3)
        paintTerrainAndCoverage(grid: grid, coverage: coverage)
        for shape in communes { drawOutline(shape, grid: grid, color: (25, 25, 25)) }
        for site in sites { drawSite(site, grid: grid) }
        drawLegend(cellSize: grid.spacing * Double(step), synthetic: grid.isSynthetic, overloaded: sites.contains(where: \.isOverloaded))
    }

    func write(to path: String) throws(InputError) { try writePNG(path: path, width: width, height: height, rgb: rgb) }

    /// Hillshade (sun in the north-west, 45° up), tinted half-way towards the colour of the newest technology
    /// covering the cell.
    private mutating func paintTerrainAndCoverage(grid: TerrainGrid, coverage: CoverageMasks) {
        let sun = (x: -cos(Double.pi / 4) * sin(Double.pi / 4), y: cos(Double.pi / 4) * cos(Double.pi / 4), z: sin(Double.pi / 4))
        let masks = Self.technologyColors.reversed().map { (coverage.masks[$0.layer]!, $0.color) }
        for py in 0..<height {
            for px in 0..<width {
                let column = px * step, row = py * step, cell = row * grid.width + column
                let z = grid.elevations[cell]
                var color: (Double, Double, Double) = (238, 238, 238)
                if !z.isNaN {
                    func at(_ c: Int, _ r: Int) -> Double {
                        let value = grid.elevations[min(max(r, 0), grid.height - 1) * grid.width + min(max(c, 0), grid.width - 1)]
                        return value.isNaN ? Double(z) : Double(value)
                    }
                    let distance = 2 * grid.spacing * Double(step)
                    let east = (at(column + step, row) - at(column - step, row)) / distance
                    let north = (at(column, row - step) - at(column, row + step)) / distance
                    let norm = (east * east + north * north + 1).squareRoot()
                    let shade = max(0, (-east * sun.x - north * sun.y + sun.z) / norm)
                    let grey = 70 + 175 * shade
                    color = (grey, grey, grey)
                }
                if let tint = masks.first(where: { $0.0[cell] })?.1 {
                    color = ((color.0 + Double(tint.0)) / 2, (color.1 + Double(tint.1)) / 2, (color.2 + Double(tint.2)) / 2)
                }
                set(px, py, (UInt8(color.0), UInt8(color.1), UInt8(color.2)))
            }
        }
    }

    private mutating func drawOutline(_ shape: MultiPolygon, grid: TerrainGrid, color: (UInt8, UInt8, UInt8)) {
        for polygon in shape.polygons {
            for ring in [polygon.exterior] + polygon.holes {
                let pixels = ring.points.map { point -> (Int, Int) in
                    let position = grid.gridPosition(of: point)
                    return (Int(((position.column + 0.5) / Double(step)).rounded(.down)), Int(((position.row + 0.5) / Double(step)).rounded(.down)))
                }
                for (a, b) in zip(pixels, pixels.dropFirst()) { drawLine(from: a, to: b, color: color) }
            }
        }
    }

    /// A triangle outlined in black — white, red for an overloaded site — with the site's id beside it.
    private mutating func drawSite(_ site: Mark, grid: TerrainGrid) {
        let position = grid.gridPosition(of: site.position), fill = site.isOverloaded ? Self.overloadedColor : (255, 255, 255)
        let x = Int(((position.column + 0.5) / Double(step)).rounded(.down)), y = Int(((position.row + 0.5) / Double(step)).rounded(.down))
        let size = 7
        for row in 0...size {
            let half = row / 2
            for column in -half...half {
                let edge = row == size || column == -half || column == half
                set(x + column, y - size / 2 + row, edge ? (0, 0, 0) : fill)
            }
        }
        BitmapFont.draw(site.id, x: x + size, y: y - 3, scale: 1) { px, py in set(px, py, (0, 0, 0)) }
    }

    /// Bresenham's line, clipped to the image.
    private mutating func drawLine(from a: (Int, Int), to b: (Int, Int), color: (UInt8, UInt8, UInt8)) {
        var (x, y) = a
        let dx = abs(b.0 - x), dy = -abs(b.1 - y), sx = x < b.0 ? 1 : -1, sy = y < b.1 ? 1 : -1
        var error = dx + dy
        while true {
            set(x, y, color)
            if x == b.0, y == b.1 { break }
            let twice = 2 * error
            if twice >= dy { error += dy; x += sx }
            if twice <= dx { error += dx; y += sy }
        }
    }

    private mutating func drawLegend(cellSize: Double, synthetic: Bool, overloaded: Bool) {
        let scale = width >= 600 ? 2 : 1, line = 11 * scale, margin = 6 * scale
        let scaleKm = Self.roundScale(kilometres: Double(width) * cellSize / 5_000)
        let barPixels = Int(scaleKm * 1_000 / cellSize)
        var rows: [(text: String, swatch: (UInt8, UInt8, UInt8)?, isLine: Bool)] = [("PHUSONG COVERAGE", nil, false)]
        rows += Self.technologyColors.map { ("\($0.layer) COVERAGE", $0.color, false) }
        rows.append(("COMMUNE BORDER", (25, 25, 25), true))
        if overloaded { rows.append(("OVERLOADED SITE (BUSY HOUR)", Self.overloadedColor, false)) }
        rows.append((String(format: scaleKm < 1 ? "%.1f KM" : "%.0f KM", scaleKm), nil, false))
        if synthetic { rows.append(("SYNTHETIC TERRAIN - NOT REAL", nil, false)) }
        let textWidth = rows.map { BitmapFont.width(of: $0.text, scale: scale) }.max() ?? 0
        let boxWidth = min(width, margin * 3 + 12 * scale + max(textWidth, barPixels))
        let boxHeight = min(height, margin * 2 + rows.count * line)
        for y in 0..<boxHeight {
            for x in 0..<boxWidth { blend(x, y, (255, 255, 255), 0.85) }
        }
        for (index, row) in rows.enumerated() {
            let top = margin + index * line, textX = margin * 2 + 12 * scale
            if let swatch = row.swatch {
                for y in 0..<(7 * scale) {
                    for x in 0..<(12 * scale) where !row.isLine || y == 3 * scale || y == 3 * scale + 1 {
                        set(margin + x, top + y, swatch)
                    }
                }
            }
            let isScale = row.text.hasSuffix(" KM")
            if isScale {
                for x in 0..<barPixels {
                    for y in 0..<(2 * scale) { set(margin + x, top + 7 * scale + y, (0, 0, 0)) }
                }
            }
            let ink: (UInt8, UInt8, UInt8) = row.text.hasPrefix("SYNTHETIC") ? (200, 0, 0) : (0, 0, 0)
            let x = row.swatch == nil && !isScale ? margin : isScale ? margin + barPixels + margin : textX
            BitmapFont.draw(row.text, x: x, y: top, scale: scale) { px, py in set(px, py, ink) }
        }
    }

    /// 1, 2 or 5 × a power of ten, at most `kilometres`.
    static func roundScale(kilometres: Double) -> Double {
        guard kilometres > 0 else { return 1 }
        let power = pow(10, (log10(kilometres)).rounded(.down))
        return [5.0, 2, 1].map { $0 * power }.first { $0 <= kilometres } ?? power
    }

    private mutating func set(_ x: Int, _ y: Int, _ color: (UInt8, UInt8, UInt8)) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let index = (y * width + x) * 3
        rgb[index] = color.0
        rgb[index + 1] = color.1
        rgb[index + 2] = color.2
    }

    private mutating func blend(_ x: Int, _ y: Int, _ color: (UInt8, UInt8, UInt8), _ opacity: Double) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let index = (y * width + x) * 3
        for (offset, channel) in [color.0, color.1, color.2].enumerated() {
            rgb[index + offset] = UInt8(Double(rgb[index + offset]) * (1 - opacity) + Double(channel) * opacity)
        }
    }
}
