import Foundation
import Terrain
import Workflows

/// `phusong batch merge`: the shards' results combined into the manifest's output folder — each job's folder
/// (copied from a shard's own output folder where it ran elsewhere) and its journal record — then the batch
/// summary, the same as one run of the whole manifest writes.
public enum BatchMerge {
    public static func merge(_ manifest: Manifest, from folders: [String]) throws(InputError) -> [JobRecord] {
        let output = manifest.output
        try BatchRunner.makeFolder(output + "/jobs")
        let lock = try FolderLock(output, shard: nil)
        defer { withExtendedLifetime(lock) {} }
        let keys = try JobKeys.keys(of: manifest.jobs)
        let journal = Journal(folder: output, shard: nil)
        let here = Journal.records(in: output)
        let manager = FileManager.default
        for folder in folders where URL(fileURLWithPath: folder).standardizedFileURL.path != URL(fileURLWithPath: output).standardizedFileURL.path {
            for (id, record) in Journal.records(in: folder) where keys[id] == record.key && here[id] != record {
                let source = folder + "/jobs/" + id, target = output + "/jobs/" + id
                if record.status == "done" {
                    guard manager.fileExists(atPath: source) else { throw InputError(path: folder, reason: "job '\(id)' is in the journal but its folder is missing") }
                    do {
                        if manager.fileExists(atPath: target) { try manager.removeItem(atPath: target) }
                        try manager.copyItem(atPath: source, toPath: target)
                    } catch {
                        throw InputError(path: target, reason: "cannot copy the job's outputs: \(error.localizedDescription)")
                    }
                }
                try journal.append(record)
            }
        }
        let records = Journal.records(in: output)
        let missing = manifest.jobs.filter { records[$0.id]?.key != keys[$0.id] }.map(\.id)
        guard missing.isEmpty else {
            throw InputError(
                path: manifest.path,
                reason: "\(missing.count) job(s) not finished by any shard: \(firstTen(missing))"
            )
        }
        let ordered = manifest.jobs.map { records[$0.id]! }
        try BatchSummary.write(manifest, records: ordered)
        return ordered
    }
}
