import Foundation
import Terrain

/// How census populations are spread over the cells of their unit.
public enum SpreadMethod: String, Sendable, CaseIterable, Codable {
    /// The same number of residents on every cell of the unit.
    case uniform
    /// Residents weighted by terrain: gentle slopes low in the valley get them, steep ridges do not.
    case dasymetric
}

/// Terrain weights for dasymetric spreading. A cell's weight is
/// `max(0, 1 − slope / maxSlope) · exp(−relief / reliefScale)`, where `relief` is its height above the
/// lowest cell within `valleyRadius` (the valley floor). Only relative weights within a unit matter.
public struct DasymetricSettings: Sendable, Equatable, Codable {
    /// Slope in degrees at and above which nobody lives.
    public var maxSlopeDegrees: Double
    /// Height above the valley floor, metres, over which the weight falls by a factor e.
    public var reliefScaleM: Double
    /// Half-width of the square, metres, whose lowest cell is the valley floor.
    public var valleyRadiusM: Double

    public init(maxSlopeDegrees: Double = 35, reliefScaleM: Double = 150, valleyRadiusM: Double = 1_500) {
        self.maxSlopeDegrees = maxSlopeDegrees
        self.reliefScaleM = reliefScaleM
        self.valleyRadiusM = valleyRadiusM
    }

    /// The weight of every cell of `grid` (0 on voids).
    public func weights(on grid: TerrainGrid) -> [Float] {
        let floor = valleyFloor(of: grid)
        let slopes = slopeDegrees(of: grid)
        return parallelMap(count: grid.elevations.count) { index in
            let height = grid.elevations[index]
            guard !height.isNaN else { return 0 }
            let steepness = max(0, 1 - slopes[index] / maxSlopeDegrees)
            return Float(steepness * exp(-Double(height - floor[index]) / reliefScaleM))
        }
    }

    /// Slope in degrees from central differences (one-sided next to voids and edges).
    func slopeDegrees(of grid: TerrainGrid) -> [Double] {
        let width = grid.width, height = grid.height, spacing = grid.spacing
        return parallelMap(count: width * height) { index in
            let row = index / width, column = index % width
            let here = grid.elevations[index]
            guard !here.isNaN else { return 0 }
            func at(_ c: Int, _ r: Int) -> Float? {
                guard c >= 0, c < width, r >= 0, r < height else { return nil }
                let value = grid.elevations[r * width + c]
                return value.isNaN ? nil : value
            }
            func gradient(_ minus: Float?, _ plus: Float?) -> Double {
                switch (minus, plus) {
                case let (m?, p?): Double(p - m) / (2 * spacing)
                case let (m?, nil): Double(here - m) / spacing
                case let (nil, p?): Double(p - here) / spacing
                case (nil, nil): 0
                }
            }
            let dx = gradient(at(column - 1, row), at(column + 1, row))
            let dy = gradient(at(column, row - 1), at(column, row + 1))
            return atan((dx * dx + dy * dy).squareRoot()) * 180 / .pi
        }
    }

    /// The lowest elevation within the square of half-width `valleyRadiusM` around each cell (voids ignored),
    /// by two passes of a sliding minimum. A square wider than the grid reaches the whole grid, and is taken as
    /// wide as the grid: a reach of 10¹² m would otherwise pad every row with that many cells.
    func valleyFloor(of grid: TerrainGrid) -> [Float] {
        let width = grid.width, height = grid.height
        let reach = Int(min(max(0, valleyRadiusM / grid.spacing), Double(max(width, height))).rounded())
        let filled = grid.elevations.map { $0.isNaN ? Float.infinity : $0 }
        let rows = parallelMap(count: height, chunkSize: 8) { row in
            slidingMinimum(Array(filled[(row * width)..<((row + 1) * width)]), reach: reach)
        }
        let columns = parallelMap(count: width, chunkSize: 8) { column in
            slidingMinimum((0..<height).map { rows[$0][column] }, reach: reach)
        }
        return (0..<(width * height)).map { columns[$0 % width][$0 / width] }
    }
}

/// Minimum of `values[i − reach ... i + reach]` for every i (van Herk / Gil–Werman: every window of
/// `2 reach + 1` values spans at most two blocks of that size, so a prefix and a suffix minimum answer it).
func slidingMinimum(_ values: [Float], reach: Int) -> [Float] {
    guard reach > 0, values.count > 1 else { return values }
    let padding = [Float](repeating: .infinity, count: reach)
    let padded = padding + values + padding
    let count = padded.count, block = 2 * reach + 1
    var prefix = padded, suffix = padded
    for index in 1..<count where index % block != 0 { prefix[index] = min(prefix[index - 1], padded[index]) }
    for index in stride(from: count - 2, through: 0, by: -1) where (index + 1) % block != 0 {
        suffix[index] = min(suffix[index + 1], padded[index])
    }
    return values.indices.map { index in min(suffix[index], prefix[index + 2 * reach]) }
}
