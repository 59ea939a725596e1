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
        // Written backwards into a small buffer, then appended at once: seven decimals, the point, the whole part.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { digits in
            var start = digits.count, rest = units
            for place in 0..<8 {  // seven decimals, then the whole part's last digit
                start -= 1
                if place == 7 {
                    digits[start] = UInt8(ascii: ".")
                    start -= 1
                }
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            while rest > 0 {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            if value < 0, units > 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            text.append(contentsOf: UnsafeMutableBufferPointer(rebasing: digits[start...]))
        }
    }
}
