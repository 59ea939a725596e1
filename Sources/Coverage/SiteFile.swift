import Foundation
import Terrain

/// Reads site lists: a GeoJSON FeatureCollection of Points, a CSV with `id,lat,lon` and the same columns, or the
/// point layer of any other vector file GDAL/OGR reads (GeoPackage, Shapefile, KML, FlatGeobuf, …, in any CRS).
/// Properties: `id` (in a layer without one, `name`), `height_m`, `technology` (2G|3G|4G), `eirp_dbm` or
/// `tx_power_dbm` (+ `antenna_gain_dbi`, `feeder_loss_db`), optional `frequency_mhz` (default: the technology's
/// band; a 2G site's may be given as its `arfcn`), `azimuth_deg`, `beamwidth_deg`, `vertical_beamwidth_deg`,
/// `tilt_deg` (mechanical), `electrical_tilt_deg`, `antenna_file` (MSI pattern, relative to the site file),
/// `threshold_dbm`, a 4G site's `pci`, a 3G site's `psc`, a 2G site's `ncc` and `bcc`, the `mast` it stands on and its
/// `operator`.
public enum SiteFile {
    /// A site with the further attributes asked for.
    public struct Entry: Sendable {
        public let site: Site
        /// Text by attribute name, absent when not given; numbers are written with a decimal point.
        public let attributes: [String: String]
    }

    public static func load(_ path: String) throws(InputError) -> [Site] {
        try entries(path).map(\.site)
    }

    /// The sites of `path`, each with its attributes named in `keeping` (e.g. a candidate's `cost`).
    public static func entries(_ path: String, keeping extra: [String] = []) throws(InputError) -> [Entry] {
        let (records, unit) = try records(path, keeping: extra)
        guard !records.isEmpty else { throw InputError(path: path, reason: "no sites") }
        var entries: [Entry] = []
        var seen = Set<String>()
        for (index, record) in records.enumerated() {
            let label = "\(unit) \(index + 1)" + (record.id.map { " (id '\($0)')" } ?? "")
            do throws(SiteFieldError) {
                let site = try record.site(folder: folder(of: path))
                guard seen.insert(site.id).inserted else {
                    throw SiteFieldError("duplicate id '\(site.id)'")
                }
                entries.append(Entry(site: site, attributes: record.extra))
            } catch {
                throw InputError(path: path, reason: "\(label): \(error.message)")
            }
        }
        return entries
    }

    /// The antenna pattern files the sites of `path` name, resolved, once each; none when the file cannot be read
    /// (loading it reports why).
    public static func antennaFiles(_ path: String) -> [String] {
        guard let (records, _) = try? records(path, keeping: []) else { return [] }
        var seen = Set<String>()
        return records.compactMap(\.antennaFile).map { SiteRecord.resolve($0, folder: folder(of: path)) }.filter { seen.insert($0).inserted }
    }

    /// The folder antenna files are relative to: the site file's.
    private static func folder(of path: String) -> String {
        (VectorSource(path).file as NSString).deletingLastPathComponent
    }

    /// The records of `path` read by its format, and what a record is called there ("feature", "row"). A layer
    /// named after the file (`VectorSource`) is read by OGR whatever the format.
    private static func records(_ path: String, keeping extra: [String]) throws(InputError) -> ([SiteRecord], String) {
        let source = VectorSource(path)
        let suffix = (source.file as NSString).pathExtension.lowercased()
        guard ["json", "geojson", "csv", "txt", ""].contains(suffix), source.file == path else {
            return (try layerRecords(path, keeping: extra), "feature")
        }
        let text = try readTextInput(path)
        guard suffix.hasSuffix("json") || text.first(where: { !$0.isWhitespace }) == "{" else {
            return (try csvRecords(text, path: path, keeping: extra), "row")
        }
        return (try geoJSONRecords(Data(text.utf8), path: path, keeping: extra), "feature")
    }

    private static func geoJSONRecords(_ data: Data, path: String, keeping extra: [String]) throws(InputError) -> [SiteRecord] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw InputError(path: path, reason: "malformed JSON: \(jsonProblem(error))")
        }
        guard let collection = root as? [String: Any], collection["type"] as? String == "FeatureCollection",
            let features = collection["features"] as? [Any]
        else {
            throw InputError(path: path, reason: "expected a GeoJSON FeatureCollection with a 'features' array")
        }
        // A `crs` member (GeoJSON 2008) may put the coordinates in another CRS: OGR reads those.
        if collection["crs"] != nil { return try layerRecords(path, keeping: extra) }
        var records: [SiteRecord] = []
        for (index, item) in features.enumerated() {
            guard let feature = item as? [String: Any] else {
                throw InputError(path: path, reason: "feature \(index + 1): not a JSON object")
            }
            let properties = feature["properties"] as? [String: Any] ?? [:]
            var record = SiteRecord()
            record.id = (properties["id"] as? String) ?? (properties["id"] as? NSNumber)?.stringValue
            let label = "feature \(index + 1)" + (record.id.map { " (id '\($0)')" } ?? "")
            guard let geometry = feature["geometry"] as? [String: Any], geometry["type"] as? String == "Point",
                let coordinates = geometry["coordinates"] as? [NSNumber], coordinates.count >= 2
            else {
                throw InputError(path: path, reason: "\(label): geometry must be a Point with [longitude, latitude]")
            }
            record.longitude = coordinates[0].doubleValue
            record.latitude = coordinates[1].doubleValue
            for name in SiteRecord.numbers {
                guard let value = properties[name], !(value is NSNull), (value as? String)?.allSatisfy(\.isWhitespace) != true else { continue }
                guard let number = number(value) else {
                    throw InputError(path: path, reason: "\(label): property '\(name)' must be a number\(value is String ? ", not '\(value)'" : "")")
                }
                record.values[name] = number
            }
            record.technology = properties["technology"] as? String
            record.antennaFile = properties["antenna_file"] as? String
            for name in SiteRecord.labels {
                record.labels[name] = properties[name].flatMap { $0 is NSNull ? nil : (($0 as? NSNumber)?.stringValue ?? "\($0)") }
                    .flatMap { $0.isEmpty ? nil : $0 }
            }
            for name in extra {
                guard let value = properties[name], !(value is NSNull) else { continue }
                record.extra[name] = (value as? NSNumber)?.stringValue ?? "\(value)"
            }
            records.append(record)
        }
        return records
    }

    /// A GeoJSON property's finite number: a JSON number, or text holding one, as tools write that convert a CSV
    /// without detecting types (ogr2ogr: `"height_m": "30"`). JSON booleans arrive as NSNumber too (objCType "c"):
    /// they are no numbers.
    private static func number(_ value: Any) -> Double? {
        if let number = value as? NSNumber { return String(cString: number.objCType) == "c" ? nil : number.doubleValue }
        return (value as? String).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0.isFinite ? $0 : nil }
    }

    /// Other names a CSV may give the coordinate columns, as site databases and spreadsheets export them.
    private static let coordinateAliases = ["lat": ["latitude"], "lon": ["longitude", "long", "lng"]]

    private static func csvRecords(_ text: String, path: String, keeping extra: [String]) throws(InputError) -> [SiteRecord] {
        let table = CSV(text), rows = table.rows
        guard let given = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces) }) else {
            throw InputError(path: path, reason: "empty CSV")
        }
        var header = given.map { $0.lowercased() }
        for (column, aliases) in coordinateAliases where !header.contains(column) {
            if let index = header.firstIndex(where: aliases.contains) { header[index] = column }
        }
        for column in ["id", "lat", "lon", "technology", "height_m"] where !header.contains(column) {
            let aliases = coordinateAliases[column].map { " (or \($0.joined(separator: ", ")))" } ?? ""
            let columns = given.filter { !$0.isEmpty }.joined(separator: ", ")
            throw InputError(path: path, reason: "CSV header lacks column '\(column)'\(aliases); its columns: \(columns)")
        }
        var records: [SiteRecord] = []
        // Rows of empty fields alone (a spreadsheet keeps them after their contents are deleted) are no sites.
        for (offset, fields) in rows.dropFirst().enumerated() where !fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            let line = offset + 2
            guard fields.count == header.count else {
                throw InputError(path: path, reason: "line \(line): \(fields.count) fields, header has \(header.count)")
            }
            var cells: [String: String] = [:]
            for (name, field) in zip(header, fields) { cells[name] = field.trimmingCharacters(in: .whitespaces) }
            var record = SiteRecord(id: cells["id"], technology: cells["technology"])
            record.antennaFile = cells["antenna_file"].flatMap { $0.isEmpty ? nil : $0 }
            for name in SiteRecord.labels { record.labels[name] = cells[name].flatMap { $0.isEmpty ? nil : $0 } }
            for name in extra {
                guard let field = cells[name], !field.isEmpty else { continue }
                record.extra[name] = table.number(field) == nil ? field : table.numeral(field)
            }
            for (name, axis) in [("lat", DegreesMinutesSeconds.Axis.latitude), ("lon", .longitude)] {
                guard let field = cells[name], !field.isEmpty else { continue }
                guard let degrees = table.number(field) ?? DegreesMinutesSeconds.degrees(table.numeral(field), axis: axis), degrees.isFinite else {
                    throw InputError(
                        path: path,
                        reason: "line \(line): column '\(name)' is not a \(axis) in degrees: '\(field)' (decimal, or degrees, minutes and "
                            + "seconds such as \(axis == .latitude ? "22°31'12.5\"N" : "105°15'30\"E"))"
                    )
                }
                if axis == .latitude { record.latitude = degrees } else { record.longitude = degrees }
            }
            for name in SiteRecord.numbers {
                guard let field = cells[name], !field.isEmpty else { continue }
                guard let number = table.number(field), number.isFinite else {
                    throw InputError(path: path, reason: "line \(line): column '\(name)' is not a finite number: '\(field)'")
                }
                record.values[name] = number
            }
            records.append(record)
        }
        return records
    }

    private static func jsonProblem(_ error: Error) -> String {
        let nsError = error as NSError
        return (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
    }
}
