import Crypto
import Foundation
import Terrain
import Workflows

/// What a batch run reports as it goes.
public enum BatchEvent: Sendable {
    /// `pending` of the `selected` jobs still to run (the rest finished in an earlier run).
    case started(selected: Int, pending: Int)
    case jobStarted(id: String)
    /// A job done, with its seconds and its footprints taken from the cache or computed.
    case jobFinished(id: String, seconds: Double, cachedSites: Int, computedSites: Int)
    case jobFailed(id: String, error: String)
    /// A job the time limit stopped: `partial` (outputs kept, marked partial) or `not run`; the next run redoes it.
    case jobStopped(id: String, status: String, reason: String)
    /// A job an earlier run finished with the same settings and inputs.
    case jobSkipped(id: String)
    /// `stopped`: jobs the time limit cut short or kept from starting.
    case finished(done: Int, failed: Int, stopped: Int)
}

/// Runs a manifest's jobs (or one shard of them) in parallel into the manifest's output folder:
/// `jobs/<id>/` per job, each job built in `.work/<id>/` and renamed into place whole; a journal line as each
/// finishes; per-site footprints cached under `cache/`; and, unless sharded, the batch summary at the end.
/// Results hold no timestamps: those go to `run.log`. With a deadline, no job starts after it and evaluations
/// stop starting sites; such jobs are recorded `partial` or `not run` and run again by the next run.
public enum BatchRunner {
    public static func run(
        _ manifest: Manifest, shard: Shard? = nil, limits: RunLimits = RunLimits(),
        events: @escaping @Sendable (BatchEvent) -> Void = { _ in }
    ) throws(InputError) -> [JobRecord] {
        let output = manifest.output
        try checkIsFolder(output)
        try makeFolder(output + "/jobs")
        let lock = try FolderLock(output, shard: shard)
        defer { withExtendedLifetime(lock) {} }
        let log = RunLog(path: output + "/run.log")
        let report: @Sendable (BatchEvent) -> Void = { event in
            log.write(event)
            events(event)
        }
        let journal = Journal(folder: output, shard: shard)
        let earlier = Journal.records(in: output)
        let positions = manifest.shardPositions
        let selected = manifest.jobs.enumerated().filter { shard?.includes(position: positions[$0.offset]) ?? true }.map(\.element)
        let keys = try JobKeys.keys(of: selected)
        // Jobs an earlier run finished with the same settings and inputs (and whose folder is there) are kept.
        var records = earlier.filter { id, record in
            record.key == keys[id] && record.status == "done" && FileManager.default.fileExists(atPath: output + "/jobs/" + id)
        }
        let pending = selected.filter { records[$0.id] == nil }
        report(.started(selected: selected.count, pending: pending.count))
        for job in selected where records[job.id] != nil { report(.jobSkipped(id: job.id)) }
        let cacheFolder = FootprintCache.folderOfThisBuild(under: output + "/cache/footprints")
        // Jobs taking a backhaul job's results run after the others, once it has finished.
        for wave in [pending.filter { $0.backhaulFrom == nil }, pending.filter { $0.backhaulFrom != nil }] {
            let finished = Finished(), before = records
            DispatchQueue.concurrentPerform(iterations: wave.count) { index in
                let job = wave[index], key = keys[job.id]!
                let record = job.backhaulFrom.flatMap { unfinished($0, before[$0], blocking: job, key: key, report: report) }
                    ?? runJob(job, key: key, output: output, cacheFolder: cacheFolder, limits: limits, report: report)
                do throws(InputError) { try journal.append(record) } catch { finished.fail(error) }
                finished.add(record)
            }
            try finished.rethrow()
            for record in finished.records { records[record.id] = record }
        }
        rmdir(output + "/.work")  // empty once every job moved out; anything else in it stays
        let ordered = selected.compactMap { records[$0.id] }
        let stopped = ordered.filter(\.wasStopped).count
        report(.finished(
            done: ordered.filter { $0.status == "done" }.count, failed: ordered.filter { $0.status == "failed" }.count, stopped: stopped
        ))
        if shard == nil {
            try BatchSummary.write(manifest, records: ordered, timeLimit: stopped > 0 ? limits.deadline?.reason : nil)
        }
        return ordered
    }

    /// The record of `job` when the job whose results it takes did not finish (`record`): not run where that one was
    /// stopped by the time limit, else failed; nil when it finished.
    private static func unfinished(
        _ id: String, _ record: JobRecord?, blocking job: BatchJob, key: String, report: @Sendable (BatchEvent) -> Void
    ) -> JobRecord? {
        guard record?.status != "done" else { return nil }
        let stopped = record?.wasStopped ?? false
        let reason = "needs the results of job '\(id)', which \(stopped ? "did not finish" : "failed")"
        report(stopped ? .jobStopped(id: job.id, status: JobRecord.notRun, reason: reason) : .jobFailed(id: job.id, error: reason))
        return JobRecord(
            id: job.id, type: job.type, key: key, status: stopped ? JobRecord.notRun : "failed", figures: [:], outputs: [], error: reason
        )
    }

    /// Runs one job in its work folder and moves the outputs into `jobs/<id>` whole; failures become a record.
    private static func runJob(
        _ job: BatchJob, key: String, output: String, cacheFolder: String, limits: RunLimits, report: @Sendable (BatchEvent) -> Void
    ) -> JobRecord {
        if let deadline = limits.deadline, deadline.hasPassed {
            report(.jobStopped(id: job.id, status: JobRecord.notRun, reason: deadline.reason))
            return JobRecord(id: job.id, type: job.type, key: key, status: JobRecord.notRun, figures: [:], outputs: [], error: deadline.reason)
        }
        report(.jobStarted(id: job.id))
        let work = output + "/.work/" + job.id, target = output + "/jobs/" + job.id, built = work + "/out"
        let manager = FileManager.default
        let cache = FootprintCache(directory: cacheFolder)
        let clock = ContinuousClock(), started = clock.now
        do throws(InputError) {
            try? manager.removeItem(atPath: work)
            try makeFolder(work)
            let (figures, partial) = try JobExecution.run(job.work(resultsIn: output), into: built, cache: cache, limits: limits)
            if let kinds = job.outputKinds { keepOnly(kinds, in: built) }
            let outputs = filesInside(built)
            do {
                if manager.fileExists(atPath: target) { try manager.removeItem(atPath: target) }
                try manager.moveItem(atPath: built, toPath: target)
                try manager.removeItem(atPath: work)
            } catch {
                throw InputError(path: target, reason: "cannot move the job's outputs into place: \(error.localizedDescription)")
            }
            if let partial {
                report(.jobStopped(id: job.id, status: JobRecord.partial, reason: partial))
                return JobRecord(id: job.id, type: job.type, key: key, status: JobRecord.partial, figures: figures, outputs: outputs, error: partial)
            }
            let elapsed = clock.now - started, counts = cache.counts
            report(.jobFinished(
                id: job.id, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                cachedSites: counts.hits, computedSites: counts.misses
            ))
            return JobRecord(id: job.id, type: job.type, key: key, status: "done", figures: figures, outputs: outputs, error: nil)
        } catch {
            try? manager.removeItem(atPath: work)
            if let deadline = limits.deadline, deadline.hasPassed {
                let reason = "\(deadline.reason) while it ran (\(error.description))"
                report(.jobStopped(id: job.id, status: JobRecord.notRun, reason: reason))
                return JobRecord(id: job.id, type: job.type, key: key, status: JobRecord.notRun, figures: [:], outputs: [], error: reason)
            }
            report(.jobFailed(id: job.id, error: error.description))
            return JobRecord(id: job.id, type: job.type, key: key, status: "failed", figures: [:], outputs: [], error: error.description)
        }
    }

    /// Removes the files whose kind is not in `kinds` (and folders left empty).
    private static func keepOnly(_ kinds: Set<String>, in folder: String) {
        for file in filesInside(folder) {
            let kind = OutputKind.byExtension[(file as NSString).pathExtension.lowercased()]
            if kind.map({ !kinds.contains($0) }) ?? true { try? FileManager.default.removeItem(atPath: folder + "/" + file) }
        }
        let folders = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted(by: >)
        for name in folders where (try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + name))?.isEmpty == true {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }

    static func makeFolder(_ path: String) throws(InputError) {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw InputError(path: path, reason: "cannot create folder: \(error.localizedDescription)")
        }
    }
}

/// The records of the jobs run, filled in by concurrent workers, and the first journal failure.
private final class Finished: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var records: [JobRecord] = []
    private var failure: InputError?

    func add(_ record: JobRecord) {
        lock.lock()
        records.append(record)
        lock.unlock()
    }

    func fail(_ error: InputError) {
        lock.lock()
        if failure == nil { failure = error }
        lock.unlock()
    }

    func rethrow() throws(InputError) {
        if let failure { throw failure }
    }
}

/// Job identities: SHA-256 of the engine build (`engineBuild`), the job's settings, the outputs it keeps and the
/// content of every input.
enum JobKeys {
    static func keys(of jobs: [BatchJob]) throws(InputError) -> [String: String] {
        var digests: [String: String] = [:]
        var keys: [String: String] = [:]
        for job in jobs {
            let kept = job.outputKinds.map { $0.sorted().joined(separator: ",") } ?? "all"
            var text = engineBuild + "\n" + job.type + "\n" + job.settings + "\n" + kept + "\n"
            // A job taking another's results changes with that one's identity (its results follow from it).
            if let source = job.backhaulFrom, let sourceKey = keys[source] { text += "after " + sourceKey + "\n" }
            for input in job.inputs {
                if digests[input] == nil { digests[input] = try contentDigest(input) }
                text += digests[input]! + "\n"  // content only: the same batch elsewhere has the same keys
            }
            keys[job.id] = hex(SHA256.hash(data: Data(text.utf8)))
        }
        return keys
    }

    /// SHA-256 of an input: of the file alone, else of the names and contents of the files behind it (a
    /// folder's files, a Shapefile's parts). The layer named after a file is not content: the job's settings hold it.
    private static func contentDigest(_ path: String) throws(InputError) -> String {
        let source = VectorSource(path), file = source.file
        guard source.fileExists else { throw InputError(path: file, reason: "no such file") }
        let parts = inputParts(path)
        if parts.map(\.path) == [file] { return try sha256Hex(ofFile: file) }
        var text = ""
        for part in parts { text += part.name + " " + (try sha256Hex(ofFile: part.path)) + "\n" }
        return hex(SHA256.hash(data: Data(text.utf8)))
    }
}
