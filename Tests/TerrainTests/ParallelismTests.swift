import Dispatch
import Foundation
import Terrain
import TestSupport
import Testing

@Suite("Parallel helpers")
struct ParallelismTests {
    /// Counts, under a lock, the workers that met their partner.
    final class Meetings: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var total: Int { lock.withLock { count } }
    }

    /// Runs two workers with `concurrentPerform` that each wait (up to 5 s, ten times that under the sanitizers, whose
    /// suite keeps libdispatch's threads busy longer) for the other to start: both meet only when they run at the same
    /// time. Returns how many met.
    func pairThatMustOverlap() -> Int {
        let started = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        let meetings = Meetings()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            started[1 - worker].signal()
            if started[worker].wait(timeout: .now() + 5 * sanitizerSlowdown) == .success { meetings.add() }
        }
        return meetings.total
    }

    @Test("inParallel returns both results, and work parallel inside either closure still gets two cores",
          .enabled(if: ProcessInfo.processInfo.activeProcessorCount >= 2, "needs two cores"))
    func nestedParallelWork() {
        let (first, second) = inParallel({ pairThatMustOverlap() }, { pairThatMustOverlap() })
        #expect(first == 2)
        #expect(second == 2)
    }

    @Test("parallelMap computes every element in order")
    func parallelMapOrder() {
        #expect(parallelMap(count: 10_001, chunkSize: 97) { $0 * $0 } == (0...10_000).map { $0 * $0 })
    }
}
