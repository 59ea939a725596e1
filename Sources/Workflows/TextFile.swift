import Foundation
import Terrain

/// Writes `text` to `path` whole or not at all (UTF-8), a failure naming the file.
public func writeTextFile(_ text: String, to path: String) throws(InputError) {
    do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        throw InputError(path: path, reason: "cannot write: \(error.localizedDescription)")
    }
}
