import Foundation
import Terrain

/// Coordinates as text with seven decimals (≈ 1 cm in degrees), as `%.7f` writes them, without a
/// formatter call per number: footprint outputs hold millions of coordinates. The text is built as bytes, each
/// digit stored in place: appending a piece of `String` at a time cost about 350 instructions a piece.
enum FixedDecimals {
    /// Points as text: each `open` x `between` y `close`, joined by `separator` (GeoJSON: `[x,y],[x,y]`;
    /// KML: `x,y,0 x,y,0`).
    static func points(_ points: [MapPoint], open: String, between: String, close: String, separator: String) -> String {
        let (open, between, close, separator) = (Array(open.utf8), Array(between.utf8), Array(close.utf8), Array(separator.utf8))
        var text: [UInt8] = []
        text.reserveCapacity(points.count * 28)
        for (index, point) in points.enumerated() {
            if index > 0 { text += separator }
            text += open
            append(point.x, to: &text)
            text += between
            append(point.y, to: &text)
            text += close
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends `value` with seven decimals to `text` ("-0.0000000" is written "0.0000000"). Values within
    /// a rounding error of half a unit of the seventh decimal go to the formatter, which rounds the exact value.
    private static func append(_ value: Double, to text: inout [UInt8]) {
        let product = abs(value) * 1e7, scaled = product.rounded()
        guard value.isFinite, scaled < 9e15, abs(abs(product - scaled) - 0.5) > 1e-6 else {
            let formatted = value.isFinite ? String(format: "%.7f", value) : "null"
            text += (formatted == "-0.0000000" ? "0.0000000" : formatted).utf8
            return
        }
        let units = Int(scaled)
        if value < 0, units > 0 { text.append(UInt8(ascii: "-")) }
        appendDigits(of: units / 10_000_000, count: digitCount(units / 10_000_000), to: &text)
        text.append(UInt8(ascii: "."))
        appendDigits(of: units % 10_000_000, count: 7, to: &text)
    }

    /// Number of decimal digits of `value` ≥ 0 (1 for 0).
    private static func digitCount(_ value: Int) -> Int {
        var count = 1, rest = value
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        return count
    }

    /// Appends the last `count` decimal digits of `value` ≥ 0, leading zeros included.
    private static func appendDigits(of value: Int, count: Int, to text: inout [UInt8]) {
        let end = text.count + count
        text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        var rest = value, position = end - 1
        while rest > 0 {
            text[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            position -= 1
        }
    }
}
