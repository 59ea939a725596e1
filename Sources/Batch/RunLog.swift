import Foundation

/// `run.log`: every event of every run with its time, appended — the one place timestamps go, so that the
/// results themselves stay byte-identical from run to run.
final class RunLog: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()

    init(path: String) {
        self.path = path
    }

    func write(_ event: BatchEvent) {
        let line = ISO8601DateFormatter().string(from: Date()) + " " + event.text + "\n"
        lock.lock()
        defer { lock.unlock() }
        // Best effort: a log line that cannot be written does not stop the batch.
        try? appendToFile(path, Data(line.utf8), synchronize: false)
    }
}

extension BatchEvent {
    /// One human line.
    public var text: String {
        switch self {
        case let .started(selected, pending): "batch: \(selected) jobs, \(pending) to run, \(selected - pending) finished earlier"
        case let .jobStarted(id): "\(id): started"
        case let .jobFinished(id, seconds, cached, computed):
            "\(id): done in \(String(format: "%.2f", seconds)) s (footprints: \(cached) from the cache, \(computed) computed)"
        case let .jobFailed(id, error): "\(id): FAILED: \(error)"
        case let .jobStopped(id, status, reason): "\(id): \(status.uppercased()): \(reason)"
        case let .jobSkipped(id): "\(id): finished earlier with the same settings and inputs"
        case let .finished(done, failed, stopped): "batch: \(done) done, \(failed) failed" + (stopped > 0 ? ", \(stopped) stopped by the time limit" : "")
        }
    }

    /// One JSON object (a structured log line).
    public var json: String {
        var object: [String: Any]
        switch self {
        case let .started(selected, pending): object = ["event": "started", "jobs": selected, "pending": pending]
        case let .jobStarted(id): object = ["event": "job_started", "id": id]
        case let .jobFinished(id, seconds, cached, computed):
            object = ["event": "job_finished", "id": id, "seconds": seconds, "footprints_cached": cached, "footprints_computed": computed]
        case let .jobFailed(id, error): object = ["event": "job_failed", "id": id, "error": error]
        case let .jobStopped(id, status, reason): object = ["event": "job_stopped", "id": id, "status": status, "reason": reason]
        case let .jobSkipped(id): object = ["event": "job_skipped", "id": id]
        case let .finished(done, failed, stopped): object = ["event": "finished", "done": done, "failed": failed, "stopped": stopped]
        }
        object["time"] = ISO8601DateFormatter().string(from: Date())
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
