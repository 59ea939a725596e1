import Foundation
import Geometry
import Planning

/// A figure of a report's row written both as a CSV line and as GeoJSON properties (hops, masts' exposure): text, a
/// number with its decimals in the CSV, or a yes or no; a number or a yes or no may be absent (empty in the CSV, null in
/// GeoJSON).
enum ReportField {
    case text(String)
    case number(Double?, Int)
    case flag(Bool?)

    /// The row's CSV line.
    static func csvLine(_ fields: [ReportField]) -> String {
        fields.map { field in
            switch field {
            case .text(let text): csvField(text)
            case .number(let value, let decimals): value.map { String(format: "%.\(decimals)f", $0) } ?? ""
            case .flag(let flag): flag.map { $0 ? "true" : "false" } ?? ""
            }
        }.joined(separator: ",")
    }

    /// The row's GeoJSON properties, named by `columns`.
    static func properties(_ fields: [ReportField], named columns: [String]) -> [String: GeoJSONValue] {
        var properties: [String: GeoJSONValue] = [:]
        for (name, field) in zip(columns, fields) {
            properties[name] = switch field {
            case .text(let text): .string(text)
            case .number(let value, _): value.map(GeoJSONValue.number) ?? .null
            case .flag(let flag): flag.map(GeoJSONValue.bool) ?? .null
            }
        }
        return properties
    }
}
