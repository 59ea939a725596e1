import CGDAL
import Foundation
import Geometry
import Terrain

/// Reads administrative units feature by feature from an OGR layer (which must stay open meanwhile).
final class OGRFeatureReader {
    struct Feature {
        let number: Int
        /// The unit with its outline still in the layer's CRS.
        let unit: AdminUnit
    }

    private let layer: OGRLayerH
    private let path: String
    private let fields: AdminFields
    /// The layer's geometry reading and CRS.
    let shapes: OGRShapes
    private var number = 0
    /// The field index of each attribute name asked for that the layer has (`fieldIndex`: a Shapefile's cut names too).
    private let columns: [String: Int32]

    /// Reads `layer`, numbering its features from `numberedAfter` + 1 (the features of the layers read before).
    init(layer: OGRLayerH, path: String, fields: AdminFields, numberedAfter: Int = 0) throws(InputError) {
        self.layer = layer
        number = numberedAfter
        self.path = path
        self.fields = fields
        shapes = OGRShapes(layer: layer, path: path)
        let names = fieldNames(of: layer)
        let wanted = fields.required.map(\.property) + [fields.districtName, fields.provinceName]
        columns = Dictionary(wanted.compactMap { name in fieldIndex(of: name, among: names).map { (name, Int32($0)) } }) { first, _ in first }
        for (name, option) in fields.required where columns[name] == nil {
            throw InputError(
                path: path,
                reason: "missing attribute '\(name)' (the layer has: \(names.joined(separator: ", "))); name the one to use with \(option)"
            )
        }
        OGR_L_ResetReading(layer)
    }

    /// The next feature, or nil at the end of the layer.
    func next() throws(InputError) -> Feature? {
        guard let feature = OGR_L_GetNextFeature(layer) else { return nil }
        defer { OGR_F_Destroy(feature) }
        number += 1
        let id = try text(feature, fields.id, required: true)
        let name = try text(feature, fields.name, required: false)
        guard let population = try number(feature, fields.population), population >= 0, population.isFinite else {
            throw InputError(path: path, reason: "feature \(number) ('\(id)'): '\(fields.population)' must be a number ≥ 0")
        }
        let priority = try fields.priority.map { field throws(InputError) in max(0, try self.number(feature, field) ?? 0) } ?? 0
        let district = AdminReference(
            id: try text(feature, fields.districtID, required: true), name: try text(feature, fields.districtName, required: false)
        )
        let province = AdminReference(
            id: try text(feature, fields.provinceID, required: true), name: try text(feature, fields.provinceName, required: false)
        )
        let shape = try shapes.outline(OGR_F_GetGeometryRef(feature), feature: number, id: id)
        return Feature(
            number: number,
            unit: AdminUnit(
                id: id, name: name.isEmpty ? id : name, district: district, province: province,
                population: population, priorityWeight: priority, shape: shape
            )
        )
    }

    private func text(_ feature: OGRFeatureH, _ field: String, required: Bool) throws(InputError) -> String {
        guard let index = columns[field], OGR_F_IsFieldSetAndNotNull(feature, index) != 0, let value = OGR_F_GetFieldAsString(feature, index) else {
            if required { throw InputError(path: path, reason: "feature \(number): attribute '\(field)' is empty") }
            return ""
        }
        return String(cString: value)
    }

    private func number(_ feature: OGRFeatureH, _ field: String) throws(InputError) -> Double? {
        guard let index = columns[field], OGR_F_IsFieldSetAndNotNull(feature, index) != 0 else {
            throw InputError(path: path, reason: "feature \(number): attribute '\(field)' is empty")
        }
        let text = String(cString: OGR_F_GetFieldAsString(feature, index)).trimmingCharacters(in: .whitespaces)
        guard let value = Double(text), value.isFinite else {
            throw InputError(path: path, reason: "feature \(number): attribute '\(field)' = '\(text)' is not a finite number")
        }
        return value
    }
}
