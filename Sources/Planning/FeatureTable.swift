import Foundation
import Geometry
import Terrain

/// A layer of features as PhuSong's tables hold them: named columns of text (as the CSV outputs write them), and a
/// shape per row. Written as CSV (`csv`, shapes left out) or into a GeoPackage (`GeoPackageWriter`, columns typed).
public struct FeatureTable: Sendable {
    /// A row's geometry, in the table's CRS.
    public enum Shape: Sendable {
        case point(MapPoint)
        case polygons(MultiPolygon)
        case line([MapPoint])
    }

    public let name: String
    /// The CRS of the shapes, as PROJ takes it ("EPSG:4326": longitude, latitude).
    public let crs: String
    public let columns: [String]
    /// Columns of text whatever their values look like (identifiers, names, lists), so that a layer keeps its types
    /// from one run to the next.
    public let textColumns: Set<String>
    public private(set) var rows: [(shape: Shape?, values: [String])] = []

    public init(name: String, crs: String, columns: [String], textColumns: Set<String>) {
        self.name = name
        self.crs = crs
        self.columns = columns
        self.textColumns = textColumns
    }

    /// Adds a row: its values in the columns' order.
    public mutating func append(_ values: [String], shape: Shape?) {
        precondition(values.count == columns.count, "a row of \(name) needs \(columns.count) values")
        rows.append((shape, values))
    }

    /// The table as CSV: the header, then a line per row; fields quoted where they hold a comma, quote or line break.
    public var csv: String {
        ([columns] + rows.map(\.values)).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// How a column is written into a GeoPackage: text columns as text; others as whole numbers where every value is one
    /// (none with a leading zero), numbers where every value is one, else text; empty values are null.
    enum ColumnType: Equatable {
        case integer, real, text
    }

    func type(ofColumn column: Int) -> ColumnType {
        if textColumns.contains(columns[column]) { return .text }
        var type = ColumnType.integer, any = false
        for row in rows where !row.values[column].isEmpty {
            let value = row.values[column]
            any = true
            if type == .integer, Int64(value) == nil || Self.hasLeadingZero(value) { type = .real }
            if type == .real, Double(value).map({ !$0.isFinite }) ?? true || Self.hasLeadingZero(value) { return .text }
        }
        return any ? type : .text
    }

    private static func hasLeadingZero(_ value: String) -> Bool {
        let digits = value.hasPrefix("-") ? value.dropFirst() : Substring(value)
        return digits.count > 1 && digits.hasPrefix("0") && !digits.hasPrefix("0.")
    }
}

/// A CSV field, quoted when it holds a comma, quote or line break.
public func csvField(_ text: String) -> String {
    guard text.contains(where: { ",\"\n\r".contains($0) }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
