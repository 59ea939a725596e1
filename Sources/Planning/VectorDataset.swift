import CGDAL
import Foundation
import Terrain

/// An OGR vector dataset opened read-only, closed with this object.
final class VectorDataset {
    let raw: GDALDatasetH
    let path: String

    /// Opens `path`; `options` are OGR open options (e.g. `X_POSSIBLE_NAMES=lon` for a CSV of points).
    init(path: String, options: [String] = []) throws(InputError) {
        registerGDAL()
        guard FileManager.default.fileExists(atPath: path) else { throw InputError(path: path, reason: "no such file") }
        CPLErrorReset()
        let flags = UInt32(GDAL_OF_VECTOR) | UInt32(GDAL_OF_READONLY)
        guard let dataset = withGDALOpenOptions(options, { GDALOpenEx(path, flags, nil, $0, nil) }) else {
            throw InputError(path: path, reason: lastGDALError(or: "not a vector layer GDAL/OGR can read"))
        }
        raw = dataset
        self.path = path
    }

    deinit { GDALClose(raw) }

    func firstLayer() throws(InputError) -> OGRLayerH {
        guard GDALDatasetGetLayerCount(raw) > 0, let layer = GDALDatasetGetLayer(raw, 0) else {
            throw InputError(path: path, reason: "holds no vector layer")
        }
        return layer
    }
}
