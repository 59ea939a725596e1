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

/// One file behind a run's input: the file itself, a companion GDAL reads with it, or a file inside a folder.
package struct InputPart {
    /// Relative to the input folder for a folder's file; else the file's name.
    package let name: String
    package let path: String
}

/// The files behind `input`, whose content a run's results depend on: a folder's files (at any depth, in name
/// order), or the file and the companions GDAL reads with it (`datasetFiles`) — a Shapefile's .dbf holds the
/// attributes, a .prj the CRS. A layer named after a vector file (`VectorSource`) is left out: it is a setting.
package func inputParts(_ named: String) -> [InputPart] {
    let input = VectorSource(named).file
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: input, isDirectory: &isFolder), isFolder.boolValue {
        return filesInside(input).map { InputPart(name: $0, path: input + "/" + $0) }
    }
    let files = (datasetFiles(input) ?? [input]).filter { FileManager.default.fileExists(atPath: $0) }
    return (files.isEmpty ? [input] : files).map { InputPart(name: ($0 as NSString).lastPathComponent, path: $0) }
}

/// The regular files under `folder`, at any depth, as paths relative to it, in name order.
package func filesInside(_ folder: String) -> [String] {
    var isFolder: ObjCBool = false
    return (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter {
        FileManager.default.fileExists(atPath: folder + "/" + $0, isDirectory: &isFolder) && !isFolder.boolValue
    }.sorted()
}
