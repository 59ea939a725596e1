import Foundation

/// A vector input as a user names it: a file, optionally followed by the layer to read, written as QGIS writes a
/// layer's source: `admin.gpkg|layername=ADM_3`, or `admin.gpkg|layerid=3` (the layer's index, from 0).
package struct VectorSource: Sendable {
    /// The file (or folder) GDAL opens.
    package let file: String
    /// What follows the file, `key=value` parts, as written.
    private let options: [Substring]

    /// Splits `spec` at the first '|' that an option's `key=` follows, unless a file of that whole name exists.
    package init(_ spec: String) {
        let bar = spec.indices.first { spec[$0] == "|" && Self.optionFollows(spec, $0) }
        guard let bar, !FileManager.default.fileExists(atPath: spec) else {
            file = spec
            options = []
            return
        }
        file = String(spec[..<bar])
        options = spec[spec.index(after: bar)...].split(separator: "|", omittingEmptySubsequences: false)
    }

    /// Whether the file (or folder) is there.
    package var fileExists: Bool { FileManager.default.fileExists(atPath: file) }

    /// Whether the text after the '|' at `bar` begins with a `key=` (letters and underscores, then '=').
    private static func optionFollows(_ spec: String, _ bar: String.Index) -> Bool {
        let rest = spec[spec.index(after: bar)...]
        guard let equals = rest.firstIndex(of: "=") else { return false }
        let key = rest[..<equals]
        return !key.isEmpty && key.allSatisfy { $0.isLetter || $0 == "_" }
    }

    /// The layer the spec names; nil when it names none. An option other than one `layername=` or `layerid=` is an
    /// error: what QGIS adds after them (`subset=`, `geometrytype=`) is not applied here.
    package func layer() throws(InputError) -> LayerChoice? {
        var choice: LayerChoice?
        for option in options {
            let pair = option.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = pair[0].lowercased(), value = pair.count == 2 ? String(pair[1]) : ""
            guard ["layername", "layerid"].contains(key) else {
                throw fault("'|\(option)' is not understood; name a layer with |layername=NAME or |layerid=INDEX")
            }
            guard choice == nil else { throw fault("names more than one layer ('|\(option)')") }
            if key == "layername" {
                guard !value.isEmpty else { throw fault("layername= needs a layer's name") }
                choice = .named(value)
            } else {
                guard let index = Int(value), index >= 0 else { throw fault("layerid= needs a layer index from 0, not '\(value)'") }
                choice = .index(index)
            }
        }
        return choice
    }

    private func fault(_ reason: String) -> InputError { InputError(path: file, reason: reason) }
}

/// Which layer of a vector file to read.
package enum LayerChoice: Sendable, Equatable {
    case named(String)
    /// The layer's index in the file, from 0.
    case index(Int)
}
