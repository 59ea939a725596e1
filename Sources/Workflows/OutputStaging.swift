import Foundation
import Terrain

/// Refuses an output destination that exists and is not a folder.
public func checkIsFolder(_ destination: String) throws(InputError) {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: destination, isDirectory: &isFolder), !isFolder.boolValue {
        throw InputError(path: destination, reason: "exists and is not a folder: name a folder for the outputs")
    }
}

/// Refuses an output destination that is not a folder, or that holds an entry a run replaces whole (`sites/`,
/// `before/`, `after/`, `computed/`) with anything PhuSong does not write there: a user's own files, which the
/// replacement would delete (`--out .` beside a folder of site lists). Runs call it before their work.
public func checkOutputFolder(_ destination: String) throws(InputError) {
    try checkIsFolder(destination)
    for name in ["sites", "before", "after", "computed"] {
        let entry = destination + "/" + name
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: entry, isDirectory: &isFolder) else { continue }
        let foreign = isFolder.boolValue ? filesInside(entry).first { !isRunOutput(name + "/" + $0) } : ""
        guard let foreign else { continue }
        throw InputError(
            path: destination,
            reason: "holds \(name)\(foreign.isEmpty ? ", a file" : "/\(foreign)"), which the outputs' \(name)/ folder would replace: "
                + "move it, or name another folder for the outputs"
        )
    }
}

/// Whether `file` (relative to a run's output folder) is one PhuSong writes: an output's name, a raster or its QGIS
/// style in a `sites` folder, or what GIS tools keep beside a raster (`.aux.xml`, `.ovr`, `.msk`).
private func isRunOutput(_ file: String) -> Bool {
    var name = (file as NSString).lastPathComponent
    for sidecar in [".aux.xml", ".ovr", ".msk"] where name.hasSuffix(".tif" + sidecar) { name.removeLast(sidecar.count) }
    let folder = ((file as NSString).deletingLastPathComponent as NSString).lastPathComponent
    return runOutputNames.contains(name) || (folder == "sites" && (name.hasSuffix(".tif") || name.hasSuffix(".qml")))
}

/// The names of the files a footprint or evaluation run (`FootprintJob`) may write, outside `sites/` folders.
let footprintOutputNames: Set = [
    "best_server.qml", "best_server.tif", "ci.qml", "ci.tif", "clutter.qml", "clutter.tif", "communes.csv",
    "coverage.geojson", "coverage.gpkg", "coverage.kmz", "coverage.tif", "coverage_power.qml", "ecio.qml", "ecio.tif",
    "facilities.csv", "footprints.geojson", "footprints.qml", "gaps.csv", "inter_technology_neighbours.csv",
    "interference.csv", "map.png", "masts.csv", "neighbours.csv", "neighbours.geojson", "nr_throughput.qml",
    "nr_throughput.tif", "operators.csv", "pilots.qml", "pilots.tif", "residents.qml", "residents.tif", "roads.csv",
    "roads.geojson", "rsrp_overlap.qml", "rsrp_overlap.tif", "server_count.qml", "server_count.tif", "sinr.qml", "sinr.tif",
    "ss_rsrp_overlap.qml", "ss_rsrp_overlap.tif", "ss_sinr.qml", "ss_sinr.tif", "summary.json", "terrain.tif", "throughput.qml", "throughput.tif", "traffic.csv",
]

/// The names of the files runs write, outside `sites/` folders.
private let runOutputNames = footprintOutputNames.union([
    "differences.geojson", "hops.csv", "hops.geojson", "plan.json", "reach.csv", "tilt.json", "tilts.csv", "verification.json",
    "verification.md",
])

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

    /// Moves every staged entry into the destination, replacing entries of the same name, and removes the entries named
    /// in `retiring` that were not staged: outputs the run may write but did not this time, which an earlier run's copy
    /// would otherwise stand in for. Runs finishing into one folder at once would interleave their files: each moves its
    /// own in while it holds the folder (`flock`).
    func commit(retiring: [String] = []) throws(InputError) {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: destination, withIntermediateDirectories: true)
            let held = open(destination, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            defer { if held >= 0 { close(held) } }
            while held >= 0, flock(held, LOCK_EX) != 0, errno == EINTR {}
            let staged = try manager.contentsOfDirectory(atPath: folder).sorted()
            for name in staged {
                let target = destination + "/" + name
                if manager.fileExists(atPath: target) { try manager.removeItem(atPath: target) }
                try manager.moveItem(atPath: folder + "/" + name, toPath: target)
            }
            for name in retiring where !staged.contains(name) && manager.fileExists(atPath: destination + "/" + name) {
                try manager.removeItem(atPath: destination + "/" + name)
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
