import Coverage
import Foundation
import Terrain

/// A QGIS layer style (QML) for a one-band raster. QGIS loads `<name>.qml` beside `<name>.tif` as the raster's default
/// style, so a run's rasters open as coverage maps rather than grey: received power in classes from the sites'
/// thresholds up (what is below every threshold transparent), signal quality from its limit up, counts of servers,
/// residents by density, or a colour and a label per best server or land-cover class.
struct RasterStyle: Equatable {
    /// A class of a discrete ramp (the values up to `value`, inclusive, above the class before it) or a palette's value.
    struct Entry: Equatable {
        let value: Double
        let label: String
        let color: RGB
        let opacity: Int
    }

    enum Renderer: Equatable {
        /// QGIS's "singleband pseudocolor" with a discrete ramp.
        case discreteClasses
        /// QGIS's "paletted / unique values".
        case palette
    }

    let renderer: Renderer
    let entries: [Entry]

    /// Received power (dBm) in classes: below the lowest of `thresholds` transparent; between each threshold and the
    /// next; then 10 dB steps from the highest up to 30 dB above it, and above that — weak (red) to strong (green). A cell
    /// at a threshold is in the class above it, as coverage counts it.
    static func receivedPower(thresholds: [Double]) -> RasterStyle {
        let bounds = Array(Set(thresholds)).sorted()
        guard let highest = bounds.last else { return RasterStyle(renderer: .discreteClasses, entries: []) }
        return classes(bounds: bounds + [highest + 10, highest + 20, highest + 30], unit: "dBm", below: .transparent)
    }

    /// A signal-quality raster (SINR, Ec/Io, C/I in dB; a rate in Mbps) in classes from its `limit` up, `steps` above
    /// it: under the limit red, then towards green. A value at the limit is in the class above it, as the run's share
    /// under the limit counts it.
    static func quality(limit: Double, steps: [Double], unit: String) -> RasterStyle {
        classes(bounds: [limit] + steps.map { limit + $0 }, unit: unit, below: .worst)
    }

    /// Counts of `noun`s per cell — 1, 2, … `limit`, then more — each its own class, red to green where more is better
    /// (servers to fall back on), green to red where more is worse (more pilots or cells than a handset can hold).
    static func counts(limit: Int, noun: String, moreIsBetter: Bool) -> RasterStyle {
        let ramp = RGB.ramp(RGB.weakToStrong, count: limit + 1), colors = moreIsBetter ? ramp : ramp.reversed()
        let each = (1...limit).map { count in
            Entry(value: Double(count), label: "\(count) \(noun)\(count == 1 ? "" : "s")", color: colors[count - 1], opacity: 255)
        }
        return RasterStyle(renderer: .discreteClasses, entries: each + [
            Entry(value: .infinity, label: "more than \(limit) \(noun)s", color: colors[limit], opacity: 255),
        ])
    }

    /// Residents per cell as densities on cells of `cellAreaKm2`: none transparent, then up to 10, 50, 200 and 1,000
    /// residents per km² and more, light to dark (a cell at a bound in the class below it, as "up to" says).
    static func residents(cellAreaKm2: Double) -> RasterStyle {
        let densities = [10.0, 50, 200, 1_000], colors = RGB.ramp(RGB.lightToDark, count: densities.count + 1)
        var entries = [Entry(value: 0, label: "no residents", color: colors[0], opacity: 0)]
        for (index, density) in densities.enumerated() {
            let from = index == 0 ? "up" : numberText(densities[index - 1])
            entries.append(Entry(
                value: density * cellAreaKm2, label: "\(from) to \(numberText(density)) residents per km²", color: colors[index], opacity: 255
            ))
        }
        entries.append(Entry(value: .infinity, label: "over \(numberText(densities.last!)) residents per km²", color: colors[densities.count], opacity: 255))
        return RasterStyle(renderer: .discreteClasses, entries: entries)
    }

    /// How the values below a style's lowest bound are drawn.
    enum Below { case transparent, worst }

    /// Classes between consecutive `bounds` (ascending) and above the last, coloured weak to strong, after the values
    /// below the first.
    private static func classes(bounds: [Double], unit: String, below: Below) -> RasterStyle {
        let colors = RGB.ramp(RGB.weakToStrong, count: bounds.count + (below == .worst ? 1 : 0))
        let shown = below == .worst ? Array(colors.dropFirst()) : colors
        var entries = [Entry(
            value: belowBound(bounds[0]), label: "below \(numberText(bounds[0])) \(unit)", color: colors[0], opacity: below == .worst ? 255 : 0
        )]
        for (index, bound) in bounds.enumerated() {
            let next = index + 1 < bounds.count ? bounds[index + 1] : nil
            entries.append(Entry(
                value: next.map(belowBound) ?? .infinity,
                label: next.map { "\(numberText(bound)) to \(numberText($0)) \(unit)" } ?? "\(numberText(bound)) \(unit) and above",
                color: shown[index], opacity: 255
            ))
        }
        return RasterStyle(renderer: .discreteClasses, entries: entries)
    }

    /// Best servers numbered from 1 in `ids`' order, each its own colour and labelled with its site's id.
    static func servers(ids: [String]) -> RasterStyle {
        RasterStyle(renderer: .palette, entries: ids.enumerated().map { index, id in
            Entry(value: Double(index + 1), label: id, color: RGB.distinct(index), opacity: 255)
        })
    }

    /// Land-cover classes (those on the grid), each its own colour, labelled with its number, its name where the table
    /// gives one, and its loss.
    static func landCover(_ clutter: ClutterLosses) -> RasterStyle {
        RasterStyle(renderer: .palette, entries: clutter.cellsPerClass.keys.sorted().enumerated().map { index, value in
            let name = clutter.nameByClass[value].map { " " + $0 } ?? ""
            let loss = clutter.lossByClass[value].map { ": " + numberText($0) + " dB" } ?? ""
            return Entry(value: Double(value), label: "\(value)\(name)\(loss)", color: RGB.distinct(index), opacity: 255)
        })
    }

    /// The largest Float32 value below `bound`: a discrete class holds the values up to its bound inclusive, and a
    /// raster's Float32 value at a threshold or limit counts as reaching it.
    private static func belowBound(_ bound: Double) -> Double { Double(Float(bound).nextDown) }

    /// The style as QML text.
    var qml: String {
        var lines = ["<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>", "<qgis version=\"3.22.0\" styleCategories=\"Symbology\">", "  <pipe>"]
        switch renderer {
        case .discreteClasses:
            let finite = entries.map(\.value).filter(\.isFinite)
            let range = "classificationMin=\"\(finite.min() ?? 0)\" classificationMax=\"\(finite.max() ?? 0)\""
            lines.append("    <rasterrenderer type=\"singlebandpseudocolor\" band=\"1\" opacity=\"0.8\" alphaBand=\"-1\" nodataColor=\"\" \(range)>")
            lines.append("      <rastershader>")
            lines.append("        <colorrampshader colorRampType=\"DISCRETE\" classificationMode=\"1\" clip=\"0\">")
            lines += entries.map { "          <item value=\"\($0.value.isFinite ? String($0.value) : "inf")\"\(attributes($0))/>" }
            lines += ["        </colorrampshader>", "      </rastershader>"]
        case .palette:
            lines.append("    <rasterrenderer type=\"paletted\" band=\"1\" opacity=\"0.8\" alphaBand=\"-1\" nodataColor=\"\">")
            lines.append("      <colorPalette>")
            lines += entries.map { "        <paletteEntry value=\"\(Int($0.value))\"\(attributes($0))/>" }
            lines.append("      </colorPalette>")
        }
        lines += ["    </rasterrenderer>", "  </pipe>", "</qgis>"]
        return lines.joined(separator: "\n") + "\n"
    }

    private func attributes(_ entry: Entry) -> String {
        " label=\"\(xmlEscaped(entry.label))\" color=\"\(entry.color.hex)\" alpha=\"\(entry.opacity)\""
    }

    /// Writes the style beside the raster `rasterPath` (`…/name.tif` → `…/name.qml`).
    func write(besideRaster rasterPath: String) throws(InputError) {
        try writeTextFile(qml, to: (rasterPath as NSString).deletingPathExtension + ".qml")
    }
}
