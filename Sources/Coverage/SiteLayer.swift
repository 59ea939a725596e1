import Terrain

extension SiteFile {
    /// The records of the point layer of a vector file OGR reads, positions taken to WGS84 from the layer's CRS.
    static func layerRecords(_ path: String, keeping extra: [String]) throws(InputError) -> [SiteRecord] {
        let layer = try PointLayer(path: path, attributes: ["id", "name", "technology", "antenna_file"] + SiteRecord.labels + SiteRecord.numbers + extra)
        let identifier = layer.foundAttributes.contains("id") ? "id" : "name"
        for required in [identifier, "technology", "height_m"] where !layer.foundAttributes.contains(required) {
            throw InputError(
                path: path,
                reason: "the layer has no attribute '\(required)'\(required == "name" ? " (nor 'id')" : "") (its attributes: "
                    + "\(layer.fieldNames.isEmpty ? "none" : layer.fieldNames.joined(separator: ", ")))"
            )
        }
        let positions = try layer.positions(in: wgs84)
        return try zip(layer.features, positions).map { feature, position throws(InputError) in
            let attributes = feature.attributes
            var record = SiteRecord(id: attributes[identifier], latitude: position.y, longitude: position.x, technology: attributes["technology"])
            record.antennaFile = attributes["antenna_file"].flatMap { $0.isEmpty ? nil : $0 }
            for name in SiteRecord.labels { record.labels[name] = attributes[name].flatMap { $0.isEmpty ? nil : $0 } }
            for name in SiteRecord.numbers {
                guard let text = attributes[name], !text.isEmpty else { continue }
                guard let number = Double(text), number.isFinite else {
                    throw InputError(path: path, reason: "feature \(feature.number): attribute '\(name)' is not a finite number: '\(text)'")
                }
                record.values[name] = number
            }
            record.extra = attributes.filter { extra.contains($0.key) }
            return record
        }
    }
}
