import Dispatch
import Foundation

/// Builds an array whose elements are computed independently, spread over all cores in chunks.
@inlinable
public func parallelMap<T>(count: Int, chunkSize: Int = 4_096, _ element: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        let output = UncheckedPointer(base: buffer.baseAddress!)
        let chunks = (count + chunkSize - 1) / chunkSize
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let end = min(count, (chunk &+ 1) &* chunkSize)
            for index in (chunk &* chunkSize)..<end {
                (output.base + index).initialize(to: element(index))
            }
        }
        initialized = count
    }
}

/// Builds a row-major array of `rows` rows of `width` elements, rows spread over all cores in chunks of `rowsPerChunk`;
/// `fill` must set every element of the row it is given.
@inlinable
public func parallelRows<T: BitwiseCopyable>(
    _ rows: Int, width: Int, rowsPerChunk: Int = 16, _ fill: @Sendable (_ row: Int, _ elements: UnsafeMutableBufferPointer<T>) -> Void
) -> [T] {
    guard rows > 0, width > 0 else { return [] }
    return [T](unsafeUninitializedCapacity: rows * width) { buffer, initialized in
        let output = UncheckedPointer(base: buffer.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: (rows + rowsPerChunk - 1) / rowsPerChunk) { chunk in
            for row in (chunk &* rowsPerChunk)..<min(rows, (chunk &+ 1) &* rowsPerChunk) {
                fill(row, UnsafeMutableBufferPointer(start: output.base + row &* width, count: width))
            }
        }
        initialized = rows * width
    }
}

/// A pointer handed to parallel workers that each write disjoint elements.
@usableFromInline
struct UncheckedPointer<T>: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutablePointer<T>

    @usableFromInline init(base: UnsafeMutablePointer<T>) { self.base = base }
}

/// Runs `first` on the calling thread while `second` runs on a thread of its own, and returns both results.
/// Neither runs inside a `concurrentPerform`: libdispatch gives a nested `concurrentPerform` only its share of
/// the cores (one of two on a two-core machine), which would leave work that is parallel inside them serial.
public func inParallel<A, B: Sendable>(_ first: () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
    let finished = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var b: B?
    Thread {
        b = second()
        finished.signal()
    }.start()
    let a = first()
    finished.wait()
    return (a, b!)
}
