import Foundation
import Propagation
import Terrain

/// A run's predictions read back from its output folder: the grid's CRS and the sites from `summary.json`, received
/// power from `coverage.tif` and the sites' rasters (each read once, when first needed).
struct RunPredictions {
    struct SiteOutputs {
        /// The site's raster, relative to the folder.
        let raster: String
        let thresholdDBm: Double
        let location: GeoPoint
        let technology: Technology
    }

    let folder: String
    /// The grid's CRS, `EPSG:326xx`.
    let crs: String
    /// The run's site ids in its order.
    let siteIDs: [String]
    let sites: [String: SiteOutputs]
    /// The loss table of a run with clutter: dB per land-cover class.
    let clutterLosses: [Int: Double]?
    /// Whether the run took clutter losses off its powers, and so holds each cell's land-cover class (`clutter.tif`).
    let hasClutter: Bool
    /// The run's path-loss model (`itm`, `hata`, …), and the calibration it applied to its powers, if any.
    let model: String?
    let calibration: ModelCalibration?
    private var rasters: [String: ElevationRaster] = [:]

    init(folder: String) throws(InputError) {
        self.folder = folder
        let path = folder + "/summary.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(path: folder, reason: "not the output folder of a PhuSong run: it has no summary.json" + Self.hint(folder))
        }
        guard let summary = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let crs = summary["crs"] as? String,
            let entries = summary["site_areas"] as? [[String: Any]]
        else {
            throw InputError(path: path, reason: "not a run's summary: it lacks 'crs' or 'site_areas'")
        }
        var siteIDs: [String] = [], sites: [String: SiteOutputs] = [:]
        for entry in entries {
            guard let id = entry["id"] as? String, let threshold = entry["threshold_dbm"] as? Double else {
                throw InputError(path: path, reason: "a site in 'site_areas' lacks its 'id' or 'threshold_dbm'")
            }
            guard let raster = entry["raster"] as? String, let latitude = entry["latitude"] as? Double,
                let longitude = entry["longitude"] as? Double, let technology = (entry["technology"] as? String).flatMap(Technology.init(rawValue:))
            else {
                throw InputError(
                    path: path, reason: "site '\(id)' has no 'raster', position or technology: the run was made by an earlier PhuSong; run it again"
                )
            }
            siteIDs.append(id)
            sites[id] = SiteOutputs(raster: raster, thresholdDBm: threshold, location: GeoPoint(latitude: latitude, longitude: longitude), technology: technology)
        }
        self.crs = crs
        self.siteIDs = siteIDs
        hasClutter = FileManager.default.fileExists(atPath: folder + "/clutter.tif")
        clutterLosses = ((summary["clutter"] as? [String: Any])?["losses_db"] as? [String: Double]).map { table in
            Dictionary(uniqueKeysWithValues: table.compactMap { key, loss in Int(key).map { ($0, loss) } })
        }
        self.sites = sites
        model = summary["model"] as? String
        calibration = try summary["calibration"].map { calibration throws(InputError) in
            do {
                return try JSONDecoder().decode(ModelCalibration.self, from: JSONSerialization.data(withJSONObject: calibration))
            } catch {
                throw InputError(path: path, reason: "its 'calibration' is not a calibration's: \(error.localizedDescription)")
            }
        }
    }

    /// Where the runs are in the folder of a plan, a verification or a batch.
    private static func hint(_ folder: String) -> String {
        let holds = { (name: String) in FileManager.default.fileExists(atPath: folder + "/" + name) }
        if holds("plan.json") { return " (a plan's: its runs are in after/ and before/)" }
        if holds("verification.json") { return " (a verification's: its run is in computed/)" }
        if holds("batch.json") { return " (a batch's: its runs are in jobs/<id>/)" }
        return ""
    }


    /// The land-cover class of the run's cell under map `point`; nil beyond the grid or where the cell has none.
    mutating func clutterClass(at point: MapPoint) throws(InputError) -> Int? {
        let raster = try self.raster("clutter.tif")
        guard let cell = Self.cell(of: point, in: raster.frame) else { return nil }
        let value = raster.values[cell]
        return value.isNaN ? nil : Int(value)
    }

    /// The received power predicted at map `point` (in `crs`): the strongest of any site, or that of `site`; and the
    /// index of the raster cell it lies in, when it lies in one.
    mutating func prediction(at point: MapPoint, site: String?) throws(InputError) -> (prediction: Prediction, cell: Int?) {
        let name: String
        if let site {
            guard let outputs = sites[site] else { return (.unknownSite, nil) }
            name = outputs.raster
        } else {
            name = "coverage.tif"
        }
        let raster = try self.raster(name)
        guard let cell = Self.cell(of: point, in: raster.frame) else { return (.outsideGrid, nil) }
        let value = raster.values[cell]
        return (value.isNaN ? .noPrediction : .power(Double(value)), cell)
    }

    /// The row-major index of the pixel of `frame` that map `point` lies in; nil outside it.
    private static func cell(of point: MapPoint, in frame: RasterFrame) -> Int? {
        let column = ((point.x - frame.cornerX) / frame.pixelWidth).rounded(.down)
        let row = ((frame.cornerY - point.y) / frame.pixelHeight).rounded(.down)
        guard column >= 0, column < Double(frame.width), row >= 0, row < Double(frame.height) else { return nil }
        return Int(row) * frame.width + Int(column)
    }

    private mutating func raster(_ name: String) throws(InputError) -> ElevationRaster {
        if let raster = rasters[name] { return raster }
        let path = folder + "/" + name
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(path: folder, reason: "the run's \(name) is missing (a batch job keeping only some outputs?)")
        }
        let source = try DEMSource.open(path)
        guard let raster = try source.read(covering: source.describe().frame.bounds, holding: .quantities) else {
            throw InputError(path: path, reason: "cannot read the raster")
        }
        rasters[name] = raster
        return raster
    }
}
