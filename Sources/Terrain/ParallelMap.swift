import Dispatch

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

/// A pointer handed to parallel workers that each write disjoint elements.
@usableFromInline
struct UncheckedPointer<T>: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutablePointer<T>

    @usableFromInline init(base: UnsafeMutablePointer<T>) { self.base = base }
}

/// Runs `first` and `second` at the same time and returns both results.
public func inParallel<A: Sendable, B: Sendable>(
    _ first: @Sendable () -> A, _ second: @Sendable () -> B
) -> (A, B) {
    nonisolated(unsafe) var a: A?
    nonisolated(unsafe) var b: B?
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 { a = first() } else { b = second() }
    }
    return (a!, b!)
}
