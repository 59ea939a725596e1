import Foundation
import Terrain

/// Coordinates as text with seven decimals (≈ 1 cm in degrees), as `%.7f` writes them, without a
/// formatter call per number: footprint outputs hold millions of coordinates.
enum FixedDecimals {
    /// Appends `value` with seven decimals to `text` ("-0.0000000" is written "0.0000000"). Values within
    /// a rounding error of half a unit of the seventh decimal go to the formatter, which rounds the exact value.
    static func append(_ value: Double, to text: inout String) {
        let product = abs(value) * 1e7, scaled = product.rounded()
        guard value.isFinite, scaled < 9e15, abs(abs(product - scaled) - 0.5) > 1e-6 else {
            text += value.isFinite ? String(format: "%.7f", value) : "null"
            return
        }
        let units = Int(scaled)
        if value < 0, units > 0 { text += "-" }
        text += String(units / 10_000_000)
        let fraction = String(units % 10_000_000)
        text += "."
        text += String(repeating: "0", count: 7 - fraction.utf8.count)
        text += fraction
    }

    /// Points as text: each `open` x `between` y `close`, joined by `separator` (GeoJSON: `[x,y],[x,y]`;
    /// KML: `x,y,0 x,y,0`).
    static func points(_ points: [MapPoint], open: String, between: String, close: String, separator: String) -> String {
        var text = ""
        text.reserveCapacity(points.count * 28)
        for (index, point) in points.enumerated() {
            if index > 0 { text += separator }
            text += open
            append(point.x, to: &text)
            text += between
            append(point.y, to: &text)
            text += close
        }
        return text
    }
}
