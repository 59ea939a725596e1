import ArgumentParser
import Batch
import Foundation
import Terrain
import Workflows

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run a manifest of jobs (evaluate, verify, optimize, plan, tilt, backhaul) in parallel: cached, resumable, shardable.",
        subcommands: [BatchRunCommand.self, BatchMergeCommand.self],
        defaultSubcommand: BatchRunCommand.self
    )
}

/// How a batch reports its events on standard error.
enum LogFormat: String, ExpressibleByArgument {
    case text, json
}

/// Options every batch command shares: the manifest and where its results go.
struct ManifestOptions: ParsableArguments {
    @Argument(help: "The manifest: YAML or JSON (scenarios and jobs); relative paths resolve against its folder.")
    var manifest: String

    @Option(help: "Results folder (default: the manifest's 'output', else <manifest name>-results beside it).")
    var out: String?

    /// The manifest, read and checked; faults exit with status 2 and nothing written.
    func load() throws -> Manifest {
        let manifest = try reportingInputErrors(exitCode: 2) { () throws(InputError) in try Manifest.load(self.manifest) }
        return out.map { manifest.writing(to: URL(fileURLWithPath: $0).standardizedFileURL.path) } ?? manifest
    }
}

struct BatchRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the manifest's jobs (the default: `phusong batch MANIFEST`).",
        discussion: """
            Finished jobs are journaled: running the same command again (after a crash or a kill) runs only the \
            rest, and skips jobs whose settings and inputs have not changed. Exit status: 0 every job done, 1 a job \
            failed, 2 a bad manifest (nothing written), 3 the time limit stopped jobs (marked partial or not run; \
            the same command finishes them). A job with backhaul_from runs after the backhaul job it names, on its \
            reach.csv.
            """
    )

    @OptionGroup var manifest: ManifestOptions

    @Option(help: "Run only shard i of n (jobs whose position modulo n is i; one with backhaul_from goes with its backhaul job); combine with `phusong batch merge`.")
    var shard: String?

    @Option(name: .customLong("log-format"), help: "Events on standard error: text (a progress bar on a terminal) or json (one object per line).")
    var logFormat: LogFormat = .text

    @OptionGroup var timeLimit: TimeLimitOption

    @OptionGroup var memory: MemoryLimitOption

    func validate() throws {
        if let shard, Shard(shard) == nil { throw ValidationError("--shard must be i/n with 0 ≤ i < n") }
    }

    func run() throws {
        let loaded = try manifest.load()
        let limits = RunLimits(memoryBytes: memory.bytes, deadline: timeLimit.deadline)
        let bar = ProgressBar(label: "jobs"), format = logFormat, isTerminal = isatty(STDERR_FILENO) == 1
        let progress = JobProgress(bar: bar)
        let records = try reportingInputErrors { () throws(InputError) in
            defer { bar.finish() }
            return try BatchRunner.run(loaded, shard: shard.flatMap(Shard.init), limits: limits) { event in
                switch format {
                case .json: FileHandle.standardError.write(Data((event.json + "\n").utf8))
                case .text where isTerminal:
                    progress.show(event)
                case .text: FileHandle.standardError.write(Data((event.text + "\n").utf8))
                }
            }
        }
        let failed = records.filter { $0.status == "failed" }
        let stopped = records.filter(\.wasStopped)
        let done = records.count - failed.count - stopped.count
        print("Batch '\(loaded.name)': \(done) of \(records.count) jobs done\(failed.isEmpty ? "" : ", \(failed.count) failed: \(failed.map(\.id).joined(separator: ", "))")")
        if let reason = timeLimit.deadline.map(\.reason), !stopped.isEmpty {
            print("PARTIAL: \(reason): \(stopped.map { "\($0.id) (\($0.status))" }.joined(separator: ", ")); run the same command again to finish them")
        }
        if shard == nil {
            print("Results: \(loaded.output)/index.html, \(loaded.output)/batch.json, \(loaded.output)/batch.csv, \(loaded.output)/jobs/")
        } else {
            print("Shard results: \(loaded.output)/jobs/; when every shard is done: phusong batch merge \(manifest.manifest)")
        }
        if !failed.isEmpty { throw ExitCode(1) }
        if !stopped.isEmpty { throw ExitCode(3) }
    }
}

struct BatchMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the shards' results into the batch summary (and copy jobs from shards' own folders with --from)."
    )

    @OptionGroup var manifest: ManifestOptions

    @Option(help: "A shard's results folder, when shards wrote to folders of their own (repeatable).")
    var from: [String] = []

    func run() throws {
        let loaded = try manifest.load()
        let records = try reportingInputErrors { () throws(InputError) in try BatchMerge.merge(loaded, from: from) }
        print("Batch '\(loaded.name)': \(records.filter { $0.status == "done" }.count) of \(records.count) jobs done")
        print("Results: \(loaded.output)/index.html, \(loaded.output)/batch.json, \(loaded.output)/batch.csv, \(loaded.output)/jobs/")
        if records.contains(where: { $0.status != "done" }) { throw ExitCode(1) }
    }
}

/// The progress bar of jobs done of jobs to run, drawn from the workers' events one at a time; failures are
/// printed above it.
private final class JobProgress: @unchecked Sendable {
    private let bar: ProgressBar
    private let lock = NSLock()
    private var done = 0, total = 0

    init(bar: ProgressBar) {
        self.bar = bar
    }

    func show(_ event: BatchEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case let .started(_, pending): total = pending
        case .jobFinished: done += 1
        case .jobFailed, .jobStopped:
            done += 1
            FileHandle.standardError.write(Data(("\r" + event.text + "\n").utf8))
        default: return
        }
        bar.update(done: done, total: total)
    }
}
