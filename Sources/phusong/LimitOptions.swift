import ArgumentParser
import Foundation
import Terrain
import Workflows

/// `--time-limit` of commands that stop early with partial results.
struct TimeLimitOption: ParsableArguments {
    @Option(
        name: .customLong("time-limit"),
        parsing: .unconditional,
        help: "Seconds: then start no more work, write what is done marked partial (summary.json 'partial') and exit with status 3."
    )
    var seconds: Double?

    func validate() throws {
        if let seconds, !(seconds > 0) { throw ValidationError("--time-limit must be positive") }
    }

    /// Counted from now: make it when the command starts.
    var deadline: Deadline? { seconds.map(Deadline.init(seconds:)) }
}

/// `--memory-limit-gb` of commands that compute coverage.
struct MemoryLimitOption: ParsableArguments {
    @Option(
        name: .customLong("memory-limit-gb"),
        parsing: .unconditional,
        help: "Refuse up front a radius or resolution estimated to need more memory than this, GiB (default: half of physical memory, \(formatBytes(Double(MemoryBudget.defaultLimitBytes))) here)."
    )
    var gibibytes: Double?

    func validate() throws {
        if let gibibytes, !(gibibytes > 0 && gibibytes < 1e9) { throw ValidationError("--memory-limit-gb must be positive") }
    }

    var bytes: UInt64 { gibibytes.map { UInt64($0 * 1_073_741_824) } ?? MemoryBudget.defaultLimitBytes }
}

/// Says on standard error what a run cut short by its time limit left out, and exits with status 3.
func exitIfPartial(_ summary: FootprintSummary) throws {
    guard let partial = summary.partial else { return }
    FileHandle.standardError.write(Data("phusong: PARTIAL: \(partial.description)\n".utf8))
    throw ExitCode(3)
}
