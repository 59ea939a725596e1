import Crypto
import Foundation
import Terrain

/// The SHA-256 of a file, read in 4 MiB pieces, as lower-case hex.
package func sha256Hex(ofFile path: String) throws(InputError) -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else { throw InputError(path: path, reason: "no such file or not readable") }
    defer { try? handle.close() }
    var hasher = SHA256()
    while true {
        let piece: Data?
        do { piece = try handle.read(upToCount: 4 << 20) } catch {
            throw InputError(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        guard let piece, !piece.isEmpty else { break }
        hasher.update(data: piece)
    }
    return hex(hasher.finalize())
}
