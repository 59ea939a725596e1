/// A latitude or longitude written in degrees, minutes and seconds, as site databases keep them:
/// `22°31'12.5"N`, `105° 15′ 30″ E`, `22 31 12.5`, `-22°31'`, `W 71°27'`, `22.52N`. Minutes and seconds are
/// optional and below 60; a hemisphere letter (N, S for a latitude; E, W for a longitude) or a leading minus gives
/// the sign, not both.
public enum DegreesMinutesSeconds {
    public enum Axis: Sendable {
        case latitude, longitude

        var hemispheres: (positive: Character, negative: Character) {
            self == .latitude ? ("N", "S") : ("E", "W")
        }
    }

    /// The signed decimal degrees `text` writes, or nil when it is not such a coordinate (a plain decimal number
    /// is not: read those as numbers).
    public static func degrees(_ text: String, axis: Axis) -> Double? {
        var body = Substring(text.uppercased().trimmingCharacters(in: .whitespaces))
        let (positive, negativeLetter) = axis.hemispheres
        var hemisphere: Character?
        if let letter = body.first, letter == positive || letter == negativeLetter {
            hemisphere = letter
            body = body.dropFirst()
        } else if let letter = body.last, letter == positive || letter == negativeLetter {
            hemisphere = letter
            body = body.dropLast()
        }
        body = body.drop { $0 == " " }
        let minus = body.first == "-"
        if minus { body = body.dropFirst() }
        guard !(minus && hemisphere != nil) else { return nil }  // "-22°N": which is meant?
        let parts = body.split { "°º'′\"″ ".contains($0) }.map(String.init)
        let marked = hemisphere != nil || body.contains { "°º'′\"″".contains($0) }
        guard marked || parts.count > 1, (1...3).contains(parts.count) else { return nil }
        let numbers = parts.compactMap { Double($0) }
        guard numbers.count == parts.count, numbers.allSatisfy({ $0 >= 0 && $0.isFinite }),
            numbers.dropFirst().allSatisfy({ $0 < 60 })
        else { return nil }
        let value = numbers.enumerated().reduce(0.0) { sum, part in sum + part.element / [1.0, 60, 3_600][part.offset] }
        return minus || hemisphere == negativeLetter ? -value : value
    }
}
