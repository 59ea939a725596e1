import Foundation
import Terrain
import Workflows
import Yams

/// A YAML or JSON file read into plain values (objects, arrays, strings, numbers, booleans), with the line
/// each value starts on, so that a fault can name the line and the field.
struct ManifestDocument {
    let path: String
    let root: JSONFields

    init(path: String) throws(InputError) {
        self.path = path
        let text = try readTextInput(path)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw InputError(path: path, reason: Self.describe(error))
        } catch {
            throw InputError(path: path, reason: "not YAML or JSON: \(error)")
        }
        var lines: [String: Int] = [:]
        guard let node, case .mapping = node, let object = try Self.value(of: node, path: "", lines: &lines, file: path) as? [String: Any] else {
            throw InputError(path: path, reason: "the manifest must be a mapping (scenarios, jobs, …)")
        }
        root = JSONFields(object, file: path, lines: lines)
    }

    /// Plain values of a node; `lines` gets the line of every field by its dotted path (`jobs[2].type`).
    private static func value(of node: Node, path: String, lines: inout [String: Int], file: String) throws(InputError) -> Any {
        if let line = node.mark?.line { lines[path] = line }
        switch node {
        case let .mapping(mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping {
                // Only plain names are keys: a mapping or list as a key (legal YAML) names no field.
                guard case .scalar = key, let name = key.string else {
                    throw InputError(path: key.mark.map { "\(file):\($0.line)" } ?? file, reason: "\(path.isEmpty ? "a key" : path + ": a key") must be a plain name, not a mapping or a list")
                }
                let child = path.isEmpty ? name : path + "." + name
                object[name] = try Self.value(of: value, path: child, lines: &lines, file: file)
                // The key's line names the field (a nested value starts on the next one).
                if let line = key.mark?.line { lines[child] = line }
            }
            return object
        case let .sequence(sequence):
            return try sequence.enumerated().map { index, item throws(InputError) in
                try Self.value(of: item, path: "\(path)[\(index)]", lines: &lines, file: file)
            }
        case .scalar, .alias:
            let plain = node.any
            if plain is Bool || plain is String || plain is NSNull { return plain }
            if let integer = plain as? Int { return NSNumber(value: Double(integer)) }
            if let number = plain as? Double { return NSNumber(value: number) }
            return node.string ?? "\(plain)"
        }
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return "line \(mark.line), column \(mark.column): \(problem) (malformed YAML or JSON)"
        default:
            return "malformed YAML or JSON: \(error)"
        }
    }
}
