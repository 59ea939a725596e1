import Foundation
import Terrain

/// A JSON object read field by field; every fault names the file, the field's dotted path and, where known,
/// its line.
package struct JSONFields {
    package let file: String
    package let path: String
    private let object: [String: Any]
    /// Line of each field by its dotted path (YAML manifests); empty for JSON read without positions.
    private let lines: [String: Int]

    package init(_ object: [String: Any], file: String, path: String = "", lines: [String: Int] = [:]) {
        self.object = object
        self.file = file
        self.path = path
        self.lines = lines
    }

    /// The top-level object of a JSON file.
    package init(file: String) throws(InputError) {
        let text = try readTextInput(file)
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
            throw InputError(path: file, reason: "not a JSON object (malformed JSON?)")
        }
        self.init(object, file: file)
    }

    package var keys: [String] { object.keys.sorted() }

    package func name(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    package func fault(_ key: String, _ reason: String) -> InputError {
        let line = lines[name(key)] ?? lines[path]
        return InputError(path: line.map { "\(file):\($0)" } ?? file, reason: "\(name(key)): \(reason)")
    }

    /// Refuses keys other than `allowed`, so that a misspelt setting is never silently ignored.
    package func onlyKeys(_ allowed: Set<String>) throws(InputError) {
        if let unknown = keys.first(where: { !allowed.contains($0) }) {
            throw fault(unknown, "unknown field (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    package func contains(_ key: String) -> Bool { object[key] != nil }

    package func string(_ key: String) throws(InputError) -> String? {
        guard let value = object[key] else { return nil }
        guard let text = value as? String, !text.isEmpty else { throw fault(key, "must be a non-empty string") }
        return text
    }

    package func number(_ key: String) throws(InputError) -> Double? {
        guard let value = object[key] else { return nil }
        guard !Self.isBoolean(value), let number = value as? NSNumber, number.doubleValue.isFinite else {
            throw fault(key, "must be a number")
        }
        return number.doubleValue
    }

    /// `true` or `false` at `key`; a number is refused (Foundation would read 0 and 1 as booleans).
    package func bool(_ key: String) throws(InputError) -> Bool? {
        guard let value = object[key] else { return nil }
        guard Self.isBoolean(value), let flag = value as? Bool else { throw fault(key, "must be true or false") }
        return flag
    }

    /// Whether a parsed value is a boolean: a YAML document's are Swift's `Bool`, Foundation's JSON parser gives an
    /// NSNumber holding a C `char` (its numbers hold integers or doubles).
    private static func isBoolean(_ value: Any) -> Bool {
        if type(of: value) == Bool.self { return true }
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    package func object(_ key: String) throws(InputError) -> JSONFields? {
        guard let value = object[key] else { return nil }
        guard let nested = value as? [String: Any] else { throw fault(key, "must be an object") }
        return JSONFields(nested, file: file, path: name(key), lines: lines)
    }

    /// An array of objects, each named `key[i]`.
    package func objects(_ key: String) throws(InputError) -> [JSONFields]? {
        guard let value = object[key] else { return nil }
        guard let items = value as? [Any] else { throw fault(key, "must be a list") }
        return try items.enumerated().map { index, item throws(InputError) in
            let itemPath = name(key) + "[\(index)]"
            guard let nested = item as? [String: Any] else {
                throw InputError(path: lines[itemPath].map { "\(file):\($0)" } ?? file, reason: "\(itemPath): must be a mapping")
            }
            return JSONFields(nested, file: file, path: itemPath, lines: lines)
        }
    }

    /// An array of non-empty strings.
    package func strings(_ key: String) throws(InputError) -> [String]? {
        guard let value = object[key] else { return nil }
        guard let items = value as? [Any], let texts = items as? [String], !texts.contains(where: \.isEmpty) else {
            throw fault(key, "must be a list of names")
        }
        return texts
    }

    /// An array of whole numbers.
    package func integers(_ key: String) throws(InputError) -> [Int]? {
        guard let value = object[key] else { return nil }
        guard let items = value as? [Any], !items.isEmpty else { throw fault(key, "must be a list of whole numbers") }
        return try items.map { item throws(InputError) in
            guard type(of: item) != Bool.self, let number = item as? NSNumber, let whole = Int(exactly: number.doubleValue) else {
                throw fault(key, "must be a list of whole numbers")
            }
            return whole
        }
    }

    /// These fields and `other`'s together, `other`'s winning (a job's settings over its scenario's).
    package func merging(_ other: JSONFields) -> JSONFields {
        JSONFields(object.merging(other.object) { $1 }, file: file, path: other.path, lines: lines.merging(other.lines) { $1 })
    }

    /// The fields as JSON with sorted keys: the same settings always give the same text.
    package var canonicalJSON: String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
    }

    /// These fields without `keys`.
    package func removing(_ keys: Set<String>) -> JSONFields {
        JSONFields(object.filter { !keys.contains($0.key) }, file: file, path: path, lines: lines)
    }
}
