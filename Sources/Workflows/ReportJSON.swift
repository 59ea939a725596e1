import Foundation

/// Pretty-printed JSON with sorted keys and unescaped slashes, so equal results give equal text. A number that is not
/// finite (NaN or ±∞, which JSON cannot hold, and which would make the encoder fail and leave the report empty) is
/// written as `null`.
func reportJSON(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
        positiveInfinity: nonFiniteMarker, negativeInfinity: nonFiniteMarker, nan: nonFiniteMarker
    )
    let text = String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    return text.replacingOccurrences(of: "\"\(nonFiniteMarker)\"", with: "null")
}

/// What the encoder writes for a number that is not finite, until `reportJSON` turns it into `null`.
private let nonFiniteMarker = "phusong:not-a-finite-number"
