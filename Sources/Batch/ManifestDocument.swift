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
        guard let node, case .mapping = node, let object = Self.value(of: node, path: "", lines: &lines) as? [String: Any] else {
            throw InputError(path: path, reason: "the manifest must be a mapping (scenarios, jobs, …)")
        }
        root = JSONFields(object, file: path, lines: lines)
    }

    /// Plain values of a node; `lines` gets the line of every field by its dotted path (`jobs[2].type`).
    private static func value(of node: Node, path: String, lines: inout [String: Int]) -> Any {
        if let line = node.mark?.line { lines[path] = line }
        switch node {
        case let .mapping(mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping {
                let name = key.string ?? "\(key.any)"
                let child = path.isEmpty ? name : path + "." + name
                object[name] = Self.value(of: value, path: child, lines: &lines)
                // The key's line names the field (a nested value starts on the next one).
                if let line = key.mark?.line { lines[child] = line }
            }
            return object
        case let .sequence(sequence):
            return sequence.enumerated().map { index, item in Self.value(of: item, path: "\(path)[\(index)]", lines: &lines) }
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
