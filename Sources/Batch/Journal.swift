import Foundation
import Terrain

/// A headline figure of a job: a number or a word.
public enum Figure: Sendable, Codable, Equatable, CustomStringConvertible {
    case number(Double)
    case text(String)

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .number(value): try container.encode(value)
        case let .text(value): try container.encode(value)
        }
    }

    public var description: String {
        switch self {
        case let .number(value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.4f", value)
        case let .text(value): value
        }
    }
}

/// What the journal keeps of a finished job: its identity (settings and inputs' content), the outcome, its
/// headline figures and the files it wrote.
public struct JobRecord: Sendable, Codable, Equatable {
    public let id: String
    public let type: String
    /// SHA-256 of the engine version, the job's settings and its inputs' content.
    public let key: String
    /// "done", "failed", or — stopped by the time limit — "partial" or "not run".
    public let status: String
    public let figures: [String: Figure]
    /// Files written, relative to the job's folder, sorted.
    public let outputs: [String]
    /// Why the job failed or was stopped.
    public let error: String?

    /// The status of a job the time limit cut short: its outputs cover part of its sites, marked partial.
    public static let partial = "partial"
    /// The status of a job the time limit kept from starting or finishing: nothing kept.
    public static let notRun = "not run"

    /// True for a job the time limit cut short or kept from starting (`partial` or `not run`).
    public var wasStopped: Bool { status == Self.partial || status == Self.notRun }
}

/// The journal of finished jobs: one JSON line per job, appended and flushed to disk as each finishes, so that
/// a run killed at any moment resumes with the jobs it had finished. Shards write journals of their own.
final class Journal: @unchecked Sendable {
    let path: String
    private let lock = NSLock()

    init(folder: String, shard: Shard?) {
        path = folder + "/" + (shard.map { "journal.shard-\($0.index)-of-\($0.count).jsonl" } ?? "journal.jsonl")
    }

    /// The latest record of every job in all the journals of `folder`.
    static func records(in folder: String) -> [String: JobRecord] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("journal") && $0.hasSuffix(".jsonl") }.sorted()
        var records: [String: JobRecord] = [:]
        for name in names {
            guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8) else { continue }
            // A line cut short by a kill is not valid JSON and is skipped: that job simply runs again.
            for line in text.split(separator: "\n") {
                if let record = try? JSONDecoder().decode(JobRecord.self, from: Data(line.utf8)) { records[record.id] = record }
            }
        }
        return records
    }

    func append(_ record: JobRecord) throws(InputError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(record) else { throw InputError(path: path, reason: "cannot encode the record of '\(record.id)'") }
        line.append(0x0A)
        lock.lock()
        defer { lock.unlock() }
        do { try appendToFile(path, line, synchronize: true) } catch {
            throw InputError(path: path, reason: "cannot write the journal: \(error.localizedDescription)")
        }
    }
}

/// Appends `data` to the file at `path` (created if absent), flushed to disk when `synchronize`.
func appendToFile(_ path: String, _ data: Data, synchronize: Bool) throws {
    if !FileManager.default.fileExists(atPath: path), !FileManager.default.createFile(atPath: path, contents: nil) {
        throw CocoaError(.fileWriteNoPermission)
    }
    guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteNoPermission) }
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: data)
    if synchronize { try handle.synchronize() }
}

/// A deterministic part of a batch: the jobs whose position modulo `count` is `index`.
public struct Shard: Sendable, Equatable {
    public let index: Int
    public let count: Int

    /// Parses "i/n" with 0 ≤ i < n.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count > 0, (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    func includes(position: Int) -> Bool { position % count == index }
}
