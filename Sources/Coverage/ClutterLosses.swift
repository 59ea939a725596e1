import Foundation
import Terrain

/// Where a run's clutter comes from: a raster of land-cover classes and a table of the loss each class costs.
public struct ClutterRequest: Sendable, Equatable {
    /// Any raster GDAL reads, of whole-number classes, in any CRS (ESA WorldCover, a national land-cover map, …).
    public var rasterPath: String
    /// A CSV with columns `class` and `loss_db` (and optionally `name`).
    public var lossesPath: String
    /// The classes that are residential land (WorldCover's 50, built-up): each commune's share of it covered is
    /// reported. Empty: none.
    public var residentialClasses: Set<Int32>

    public init(rasterPath: String, lossesPath: String, residentialClasses: Set<Int32> = []) {
        self.rasterPath = rasterPath
        self.lossesPath = lossesPath
        self.residentialClasses = residentialClasses
    }
}

/// The loss land cover adds at the receiver, per grid cell: trees, buildings and crops around a handset that the
/// terrain profile does not hold. Each cell's class is the one prevailing in it (`ClassGrid`); cells the raster does
/// not cover lose nothing.
public struct ClutterLosses: Sendable {
    /// The files the losses come from.
    public let request: ClutterRequest
    /// dB per grid cell, row-major.
    public let perCell: [Float]
    /// Each grid cell's class, row-major (`ClassGrid.none` where the raster has none).
    public let classes: [Int32]
    /// The table: dB per class.
    public let lossByClass: [Int32: Double]
    /// The table's names of the classes it names (its optional `name` column).
    public let nameByClass: [Int32: String]
    /// Grid cells per class found.
    public let cellsPerClass: [Int32: Int]
    /// Grid cells without a class.
    public var cellsWithoutClass: Int { classes.count - cellsPerClass.values.reduce(0, +) }

    /// The classes of `request.rasterPath` on `grid`, priced by `request.lossesPath`; a class on the grid that the
    /// table lacks is an error naming it.
    public static func load(_ request: ClutterRequest, onto grid: TerrainGrid) throws(InputError) -> ClutterLosses {
        let (losses, names) = try pricedClasses(request.lossesPath)
        let classes = try ClassGrid.load(request.rasterPath, onto: grid).classes
        var cellsPerClass: [Int32: Int] = [:]
        for value in classes where value != ClassGrid.none { cellsPerClass[value, default: 0] += 1 }
        let unpriced = cellsPerClass.keys.filter { losses[$0] == nil }.sorted()
        guard unpriced.isEmpty else {
            let named = unpriced.prefix(10).map { "\($0) (\(cellsPerClass[$0]!) cells)" }.joined(separator: ", ")
            throw InputError(
                path: request.lossesPath,
                reason: "no loss_db for class \(named) of \(request.rasterPath), found on the grid: give every class a row"
            )
        }
        return ClutterLosses(
            request: request, perCell: classes.map { $0 == ClassGrid.none ? 0 : Float(losses[$0]!) }, classes: classes,
            lossByClass: losses, nameByClass: names, cellsPerClass: cellsPerClass
        )
    }

    /// A warning when 1 % or more of the grid's cells have no class in the raster (beyond it, or nodata): they lose
    /// nothing, which a map of the wrong place or too small would otherwise hide.
    public var warning: String? {
        let share = Double(cellsWithoutClass) / Double(max(1, classes.count))
        guard share >= 0.01 else { return nil }
        return String(format: "clutter: %.0f %% of the grid's cells have no land-cover class in %@ (beyond it, or nodata): they lose nothing", 100 * share, request.rasterPath)
    }

    /// The class → dB table of a CSV with `class` and `loss_db` columns (names in any case).
    package static func table(_ path: String) throws(InputError) -> [Int32: Double] { try pricedClasses(path).losses }

    /// The class → dB table of a CSV with `class` and `loss_db` columns, and the names its `name` column gives.
    private static func pricedClasses(_ path: String) throws(InputError) -> (losses: [Int32: Double], names: [Int32: String]) {
        let csv = CSV(try readTextInput(path))
        guard let header = csv.rows.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
            let classColumn = header.firstIndex(of: "class"), let lossColumn = header.firstIndex(of: "loss_db")
        else {
            throw InputError(path: path, reason: "needs the columns class and loss_db (a header line first)")
        }
        let nameColumn = header.firstIndex(of: "name")
        var losses: [Int32: Double] = [:], names: [Int32: String] = [:]
        for (index, row) in csv.rows.enumerated().dropFirst() where !row.allSatisfy({ $0.isEmpty }) {
            let line = index + 1
            guard row.count > max(classColumn, lossColumn), let value = Int32(row[classColumn].trimmingCharacters(in: .whitespaces)) else {
                throw InputError(path: path, reason: "line \(line): the class must be a whole number")
            }
            guard let loss = csv.number(row[lossColumn].trimmingCharacters(in: .whitespaces)), (-20...80).contains(loss) else {
                throw InputError(path: path, reason: "line \(line): loss_db '\(row[lossColumn])' of class \(value) is not a loss of −20–80 dB")
            }
            guard losses.updateValue(loss, forKey: value) == nil else {
                throw InputError(path: path, reason: "line \(line): class \(value) is listed twice")
            }
            if let nameColumn, nameColumn < row.count {
                let name = row[nameColumn].trimmingCharacters(in: .whitespaces)
                if !name.isEmpty { names[value] = name }
            }
        }
        guard !losses.isEmpty else { throw InputError(path: path, reason: "lists no class") }
        return (losses, names)
    }

    /// `coverage` with each cell's clutter loss taken off its power.
    public func applied(to coverage: SiteCoverage, gridWidth: Int) -> SiteCoverage {
        var power = coverage.power
        for row in 0..<coverage.height {
            let gridStart = (coverage.row + row) * gridWidth + coverage.column, windowStart = row * coverage.width
            for column in 0..<coverage.width { power[windowStart + column] -= perCell[gridStart + column] }
        }
        return coverage.withPower(power)
    }
}
