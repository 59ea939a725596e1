import Foundation
import Terrain

/// Refuses an output destination that exists and is not a folder; runs call it before their work, not only once
/// it is done.
public func checkOutputFolder(_ destination: String) throws(InputError) {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: destination, isDirectory: &isFolder), !isFolder.boolValue {
        throw InputError(path: destination, reason: "exists and is not a folder: name a folder for the outputs")
    }
}

/// The most bytes of a file or folder name PhuSong makes from a user's id (a site's raster, a batch job's folder):
/// file systems take 255, and the name may get a suffix and an extension.
public let longestNameFromID = 200

/// Collects a run's output files in a hidden folder beside the destination and moves them into place
/// only when every one was written, so a failed run leaves no partial outputs behind.
struct OutputStaging {
    let destination: String
    let folder: String

    init(destination: String) throws(InputError) {
        try checkOutputFolder(destination)
        let absolute = URL(fileURLWithPath: destination).standardizedFileURL
        self.destination = absolute.path
        let parent = absolute.deletingLastPathComponent().path
        folder = parent + "/." + absolute.lastPathComponent + ".partial-" + UUID().uuidString
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw InputError(path: destination, reason: "cannot create output folder: \(error.localizedDescription)")
        }
    }

    /// Where to write `name` (a path relative to the output folder) while staging.
    func path(_ name: String) throws(InputError) -> String {
        let full = folder + "/" + name
        let parent = (full as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw InputError(path: destination, reason: "cannot create \(name): \(error.localizedDescription)")
        }
        return full
    }

    /// Writes text to a staged file.
    func write(_ text: String, to name: String) throws(InputError) {
        let file = try path(name)
        do {
            try text.write(toFile: file, atomically: false, encoding: .utf8)
        } catch {
            throw InputError(path: destination + "/" + name, reason: "cannot write: \(error.localizedDescription)")
        }
    }

    /// Moves every staged entry into the destination, replacing entries of the same name.
    func commit() throws(InputError) {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: destination, withIntermediateDirectories: true)
            for name in try manager.contentsOfDirectory(atPath: folder).sorted() {
                let target = destination + "/" + name
                if manager.fileExists(atPath: target) { try manager.removeItem(atPath: target) }
                try manager.moveItem(atPath: folder + "/" + name, toPath: target)
            }
            try manager.removeItem(atPath: folder)
        } catch {
            discard()
            throw InputError(path: destination, reason: "cannot move outputs into place: \(error.localizedDescription)")
        }
    }

    /// Removes the staging folder and everything in it.
    func discard() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}
