import Benchmark
import Foundation

/// The configuration every tracked benchmark uses: wall clock, CPU time and peak memory, up to 20 iterations in
/// 20 s; a p90 more than 10 % beyond its committed threshold fails `make bench-check`.
public var trackedConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(20), maxIterations: 20,
        thresholds: [
            .wallClock: .init(relative: [.p90: 10]), .cpuTotal: .init(relative: [.p90: 10]),
            .peakMemoryResident: .init(relative: [.p90: 10]),
        ]
    )
}

/// The path of `relative` in `../shared/data` beside the repository (present or not): the real data the benchmarks
/// read. Every benchmark source sits as deep as this one, in `Benchmarks/Benchmarks/TARGET/`.
public func sharedDataPath(_ relative: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/" + relative).path
}
