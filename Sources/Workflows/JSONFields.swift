import Foundation
import Terrain

/// A JSON object read field by field; every fault names the file and the field's dotted path.
struct JSONFields {
    let file: String
    let path: String
    private let object: [String: Any]

    init(_ object: [String: Any], file: String, path: String = "") {
        self.object = object
        self.file = file
        self.path = path
    }

    /// The top-level object of a JSON file.
    init(file: String) throws(InputError) {
        let text = try readTextInput(file)
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
            throw InputError(path: file, reason: "not a JSON object (malformed JSON?)")
        }
        self.init(object, file: file)
    }

    var keys: [String] { object.keys.sorted() }

    func name(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func fault(_ key: String, _ reason: String) -> InputError { InputError(path: file, reason: "\(name(key)): \(reason)") }

    /// Refuses keys other than `allowed`, so that a misspelt setting is never silently ignored.
    func onlyKeys(_ allowed: Set<String>) throws(InputError) {
        if let unknown = keys.first(where: { !allowed.contains($0) }) {
            throw fault(unknown, "unknown field (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    func contains(_ key: String) -> Bool { object[key] != nil }

    func string(_ key: String) throws(InputError) -> String? {
        guard let value = object[key] else { return nil }
        guard let text = value as? String, !text.isEmpty else { throw fault(key, "must be a non-empty string") }
        return text
    }

    func number(_ key: String) throws(InputError) -> Double? {
        guard let value = object[key] else { return nil }
        guard type(of: value) != Bool.self, let number = value as? NSNumber, number.doubleValue.isFinite else {
            throw fault(key, "must be a number")
        }
        return number.doubleValue
    }

    func object(_ key: String) throws(InputError) -> JSONFields? {
        guard let value = object[key] else { return nil }
        guard let nested = value as? [String: Any] else { throw fault(key, "must be an object") }
        return JSONFields(nested, file: file, path: name(key))
    }
}
