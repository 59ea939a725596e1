import Foundation

/// A colour, 0–255 per channel.
struct RGB: Equatable {
    let red: Int, green: Int, blue: Int

    var hex: String { String(format: "#%02x%02x%02x", red, green, blue) }

    /// ColorBrewer's red–yellow–green, from weak to strong.
    static let weakToStrong = [RGB(red: 215, green: 25, blue: 28), RGB(red: 253, green: 174, blue: 97), RGB(red: 255, green: 255, blue: 191),
                               RGB(red: 166, green: 217, blue: 106), RGB(red: 26, green: 150, blue: 65)]

    /// ColorBrewer's yellow–orange–brown, from light to dark: a quantity, not a verdict.
    static let lightToDark = [RGB(red: 255, green: 255, blue: 212), RGB(red: 254, green: 217, blue: 142), RGB(red: 254, green: 153, blue: 41),
                              RGB(red: 217, green: 95, blue: 14), RGB(red: 153, green: 52, blue: 4)]

    /// `count` colours spread evenly along `stops` (linear between neighbouring stops).
    static func ramp(_ stops: [RGB], count: Int) -> [RGB] {
        (0..<count).map { index in
            let position = count == 1 ? 0 : Double(index) * Double(stops.count - 1) / Double(count - 1)
            let lower = min(Int(position), stops.count - 2), fraction = position - Double(lower)
            func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) + (Double(b) - Double(a)) * fraction).rounded()) }
            let (a, b) = (stops[lower], stops[lower + 1])
            return RGB(red: mix(a.red, b.red), green: mix(a.green, b.green), blue: mix(a.blue, b.blue))
        }
    }

    /// The `index`th of a sequence of colours whose neighbours differ: hues a golden angle apart, at two brightnesses.
    static func distinct(_ index: Int) -> RGB {
        let hue = (Double(index) * 137.507_764).truncatingRemainder(dividingBy: 360) / 60
        let value = index % 2 == 0 ? 0.95 : 0.75, saturation = 0.7
        let chroma = value * saturation, second = chroma * (1 - abs(hue.truncatingRemainder(dividingBy: 2) - 1))
        let (r, g, b): (Double, Double, Double) = switch Int(hue) {
        case 0: (chroma, second, 0)
        case 1: (second, chroma, 0)
        case 2: (0, chroma, second)
        case 3: (0, second, chroma)
        case 4: (second, 0, chroma)
        default: (chroma, 0, second)
        }
        let offset = value - chroma
        func channel(_ x: Double) -> Int { Int(((x + offset) * 255).rounded()) }
        return RGB(red: channel(r), green: channel(g), blue: channel(b))
    }
}
