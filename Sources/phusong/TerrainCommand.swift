import ArgumentParser
import Foundation
import Terrain

struct TerrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terrain",
        abstract: "Describe an elevation model: size, extent, cell size, range in metres, voids and the band's declared unit, scale and offset (JSON)."
    )

    @Argument(help: "Elevation model: .hgt, .hgt.zip, GeoTIFF, any GDAL raster, or a folder of tiles.")
    var path: String

    func run() throws {
        let inventory = try reportingInputErrors { () throws(InputError) in try DEMSource.open(path).inventory() }
        let frame = inventory.description.frame
        let bounds = frame.bounds
        let fields: [String: Any] = [
            "path": path, "width": frame.width, "height": frame.height,
            "bounds": [bounds.minX, bounds.minY, bounds.maxX, bounds.maxY],
            "pixel_size": [frame.pixelWidth, frame.pixelHeight], "native_spacing_m": frame.nativeSpacing,
            "min_m": inventory.minimum as Any, "max_m": inventory.maximum as Any,
            "void_cells": inventory.voidCells, "synthetic": inventory.description.isSynthetic,
            "declared_unit": inventory.description.unit, "declared_scale": inventory.description.scale,
            "declared_offset": inventory.description.offset,
        ]
        let data = try JSONSerialization.data(withJSONObject: fields, options: [.prettyPrinted, .sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}
