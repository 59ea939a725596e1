import Foundation
#if canImport(Glibc)
import Glibc

/// Runs `body` with every thread of the process (and the threads they start) allowed on the first `count`
/// cores only, then on all cores again: the one-core leg of a scaling measurement, taken in the same run.
func onCores<T>(_ count: Int, _ body: () throws -> T) rethrows -> T {
    pinThreads(to: count)
    defer { pinThreads(to: ProcessInfo.processInfo.processorCount) }
    return try body()
}

/// glibc's sched_setaffinity(tid, size, mask), looked up at run time (its header declares it only under _GNU_SOURCE).
private let setAffinity = unsafeBitCast(
    dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sched_setaffinity"),
    to: (@convention(c) (pid_t, Int, UnsafeRawPointer) -> Int32).self
)

/// Sets the CPU affinity of every thread now in the process to cores 0..<count.
private func pinThreads(to count: Int) {
    var mask = [UInt8](repeating: 0, count: 128)  // cpu_set_t: 1,024 bits
    for core in 0..<min(count, mask.count * 8) { mask[core / 8] |= UInt8(1 << (core % 8)) }
    let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    for thread in threads.compactMap({ Int32($0) }) {
        precondition(setAffinity(thread, mask.count, mask) == 0, "cannot pin thread \(thread)")
    }
}
#else
/// Elsewhere the process cannot be pinned: the body runs on every core.
func onCores<T>(_ count: Int, _ body: () throws -> T) rethrows -> T { try body() }
#endif
