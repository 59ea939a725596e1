import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Terrain
import TestSupport
import Testing
@testable import Workflows

/// A QGIS style file read back as XML: its renderer and its entries (value, label, alpha), as QGIS would read them.
struct StyleFile {
    let renderer: String
    let rampType: String?
    let entries: [(value: Double, label: String, alpha: Int, color: String)]

    init(_ path: String) throws {
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: path))
        let root = try #require(document.rootElement())
        #expect(root.name == "qgis")
        let renderer = try #require(try root.nodes(forXPath: "pipe/rasterrenderer").first as? XMLElement)
        self.renderer = renderer.attribute(forName: "type")?.stringValue ?? ""
        rampType = (try renderer.nodes(forXPath: "rastershader/colorrampshader").first as? XMLElement)?
            .attribute(forName: "colorRampType")?.stringValue
        let items = try renderer.nodes(forXPath: "rastershader/colorrampshader/item | colorPalette/paletteEntry").compactMap { $0 as? XMLElement }
        entries = items.map { item in
            func text(_ name: String) -> String { item.attribute(forName: name)?.stringValue ?? "" }
            let value = text("value")
            return (value == "inf" ? .infinity : Double(value) ?? .nan, text("label"), Int(text("alpha")) ?? -1, text("color"))
        }
    }

    /// The entry a discrete ramp gives `value`: the first whose value is at or above it.
    func entry(for value: Double) -> (value: Double, label: String, alpha: Int, color: String)? {
        entries.first { value <= $0.value }
    }
}

@Suite("QGIS styles beside the rasters")
struct RasterStyleTests {
    @Test("Received power: the thresholds bound the classes, a value at a threshold is in the class above it, below the lowest is transparent")
    func receivedPowerClasses() throws {
        let folder = try temporaryFolder("style")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try RasterStyle.receivedPower(thresholds: [-95, -110, -95]).write(besideRaster: folder + "/site.tif")
        let style = try StyleFile(folder + "/site.qml")
        #expect(style.renderer == "singlebandpseudocolor" && style.rampType == "DISCRETE")
        #expect(style.entries.map(\.label) == [
            "below -110 dBm", "-110 to -95 dBm", "-95 to -85 dBm", "-85 to -75 dBm", "-75 to -65 dBm", "-65 dBm and above",
        ])
        #expect(style.entries.map(\.alpha) == [0, 255, 255, 255, 255, 255])
        let opaque = style.entries.filter { $0.alpha > 0 }
        #expect(Set(opaque.map(\.color)).count == opaque.count, "each class its own colour")
        for (power, label) in [(-110.0, "-110 to -95 dBm"), (-95, "-95 to -85 dBm"), (-85, "-85 to -75 dBm"), (-65, "-65 dBm and above")] {
            #expect(style.entry(for: Double(Float(power)))?.label == label, "\(power) dBm")
            #expect(style.entry(for: Double(Float(power).nextDown))?.label != label, "just below \(power) dBm")
        }
        #expect(style.entry(for: -140)?.alpha == 0 && style.entry(for: -20)?.label == "-65 dBm and above")
    }

    @Test("Signal quality: under the limit drawn in the worst colour, not hidden; a value at the limit in the class above it")
    func qualityClasses() throws {
        let folder = try temporaryFolder("style")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try RasterStyle.quality(limit: -12, steps: [3, 6], unit: "dB").write(besideRaster: folder + "/ecio.tif")
        let style = try StyleFile(folder + "/ecio.qml")
        #expect(style.entries.map(\.label) == ["below -12 dB", "-12 to -9 dB", "-9 to -6 dB", "-6 dB and above"])
        #expect(style.entries.allSatisfy { $0.alpha == 255 } && Set(style.entries.map(\.color)).count == 4)
        #expect(style.entry(for: -12)?.label == "-12 to -9 dB" && style.entry(for: Double(Float(-12).nextDown))?.label == "below -12 dB")
    }

    @Test("Best servers: one palette entry per site, labelled with its id (escaped in the file), each its own colour")
    func serverPalette() throws {
        let folder = try temporaryFolder("style")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ids = ["CB-001", "Bảo Lạc <sector 2> & \"3\"", "CB-003", "CB-004", "CB-005", "CB-006", "CB-007", "CB-008"]
        try RasterStyle.servers(ids: ids).write(besideRaster: folder + "/best_server.tif")
        let style = try StyleFile(folder + "/best_server.qml")
        #expect(style.renderer == "paletted")
        #expect(style.entries.map(\.value) == ids.indices.map { Double($0 + 1) })
        #expect(style.entries.map(\.label) == ids)
        #expect(Set(style.entries.map(\.color)).count == ids.count)
    }
}
