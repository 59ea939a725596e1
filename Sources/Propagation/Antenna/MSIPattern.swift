import Foundation
import Terrain

/// An antenna pattern in the MSI/Planet format: keyword lines (`NAME`, `FREQUENCY`, `GAIN <value> dBd|dBi`,
/// `TILT`, …), then `HORIZONTAL 360` and `VERTICAL 360` blocks of `angle loss_dB` lines. Losses are relative
/// to the peak gain; horizontal angles run clockwise from boresight, vertical angles downward from the horizon
/// (90 = nadir, 270 = zenith).
public struct MSIPattern: Sendable, Equatable {
    public let name: String
    public let frequencyMHz: Double?
    /// Peak gain in dBi (dBd values are converted: +2.15 dB).
    public let gainDBi: Double
    /// Electrical downtilt stated in the file, degrees (already part of the vertical cut).
    public let electricalTilt: Double?
    /// Loss (dB) at each whole degree 0…359 of the horizontal and vertical cuts.
    public let horizontal: [Double]
    public let vertical: [Double]
    /// The deepest loss of either cut, dB: no direction loses more.
    public let deepestLoss: Double

    /// Parses `text`; `path` names the file in errors.
    public init(text: String, path: String) throws(MSIError) {
        var keywords: [String: String] = [:]
        var cuts: [String: [Double]] = [:]
        let lines = text.components(separatedBy: .newlines)
        var index = 0
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            index += 1
            guard !line.isEmpty else { continue }
            let parts = line.split(maxSplits: 1, whereSeparator: \.isWhitespace).map(String.init)
            let key = parts[0].uppercased(), value = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            guard key == "HORIZONTAL" || key == "VERTICAL" else {
                keywords[key] = value
                continue
            }
            guard let count = Int(value), count > 0 else {
                throw MSIError(path: path, line: index, message: "\(key) needs a point count, got '\(value)'")
            }
            var samples: [(angle: Double, loss: Double)] = []
            while samples.count < count {
                guard index < lines.count else {
                    throw MSIError(path: path, line: index, message: "\(key) block ends after \(samples.count) of \(count) points")
                }
                let row = lines[index].split(whereSeparator: \.isWhitespace)
                index += 1
                if row.isEmpty { continue }
                guard row.count == 2, let angle = Double(row[0]), let loss = Double(row[1]), angle.isFinite, loss.isFinite else {
                    throw MSIError(path: path, line: index, message: "expected 'angle loss_dB' in the \(key) block, got '\(row.joined(separator: " "))'")
                }
                guard (0..<360).contains(angle) else {
                    throw MSIError(path: path, line: index, message: "angle \(angle) is outside 0–359.99°")
                }
                samples.append((angle, loss))
            }
            cuts[key] = try Self.resample(samples, key: key, path: path)
        }
        guard let horizontal = cuts["HORIZONTAL"], let vertical = cuts["VERTICAL"] else {
            throw MSIError(path: path, line: lines.count, message: "needs both HORIZONTAL and VERTICAL blocks")
        }
        guard let gainText = keywords["GAIN"], let gain = Double(gainText.split(whereSeparator: \.isWhitespace).first ?? "") else {
            throw MSIError(path: path, line: 0, message: "missing or unreadable GAIN line (e.g. 'GAIN 15.9 dBd')")
        }
        let unit = gainText.lowercased()
        self.gainDBi = unit.contains("dbi") ? gain : gain + 2.15
        self.name = keywords["NAME"] ?? ""
        self.frequencyMHz = keywords["FREQUENCY"].flatMap { Double($0.split(whereSeparator: \.isWhitespace).first ?? "") }
        self.electricalTilt = (keywords["ELECTRICAL_TILT"] ?? keywords["TILT"]).flatMap { Double($0) }
        self.horizontal = horizontal
        self.vertical = vertical
        deepestLoss = max(horizontal.max() ?? 0, vertical.max() ?? 0)
    }

    /// Reads and parses a pattern file.
    public init(contentsOf path: String) throws(MSIError) {
        guard let data = readFileBytes(path), let text = String(data: data, encoding: .utf8)
                ?? String(data: data, encoding: .isoLatin1)
        else {
            throw MSIError(path: path, line: 0, message: "no such file or not readable")
        }
        try self.init(text: text, path: path)
    }

    /// Loss (dB, ≥ its own minimum) by the summing method: horizontal loss at the azimuth offset plus vertical
    /// loss at the angle below the horizon, both interpolated linearly, capped at the deepest loss of either cut.
    public func loss(horizontal offset: Double, belowHorizon angle: Double) -> Double {
        min(Self.interpolate(horizontal, offset) + Self.interpolate(vertical, angle), deepestLoss)
    }

    private static func interpolate(_ cut: [Double], _ angle: Double) -> Double {
        let wrapped = Bearing.withinTurn(degrees: angle)
        let lower = Int(wrapped) % 360, fraction = wrapped - Double(Int(wrapped))
        return cut[lower] + (cut[(lower + 1) % 360] - cut[lower]) * fraction
    }

    /// The cut at whole degrees 0…359, interpolated circularly from the file's points.
    private static func resample(_ samples: [(angle: Double, loss: Double)], key: String, path: String) throws(MSIError) -> [Double] {
        let sorted = samples.sorted { $0.angle < $1.angle }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.angle == b.angle {
            throw MSIError(path: path, line: 0, message: "\(key) block lists angle \(a.angle) twice")
        }
        return (0..<360).map { degree -> Double in
            let angle = Double(degree)
            let after = sorted.firstIndex { $0.angle >= angle } ?? 0
            let next = sorted[after], previous = sorted[(after + sorted.count - 1) % sorted.count]
            if next.angle == angle || sorted.count == 1 { return next.loss }
            let span = (next.angle - previous.angle + 360).truncatingRemainder(dividingBy: 360)
            let into = (angle - previous.angle + 360).truncatingRemainder(dividingBy: 360)
            return previous.loss + (next.loss - previous.loss) * into / (span == 0 ? 360 : span)
        }
    }
}

/// A pattern file that cannot be used, with the line at fault.
public struct MSIError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let message: String
    public var description: String { line > 0 ? "\(path): line \(line): \(message)" : "\(path): \(message)" }
}
