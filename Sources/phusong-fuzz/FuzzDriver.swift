import Foundation
import FuzzTargets

// The fuzz driver. Built normally: `phusong-fuzz TARGET RUNS [SEED]` runs the seeded mutation harness on the
// target's seeds (from the repository root); `phusong-fuzz seeds TARGET` lists them, `phusong-fuzz targets` the targets. Built with libFuzzer
// (`make fuzz`: -sanitize=fuzzer,address -parse-as-library -DLIBFUZZER): libFuzzer's driver, for the target
// named by PHUSONG_FUZZ_TARGET.

/// A scratch folder for the inputs, one per process, removed when the process exits (libFuzzer's driver ends with
/// `exit`, never returning here).
private let scratch: String = {
    let folder = NSTemporaryDirectory() + "phusong-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: scratch) }
    return folder
}()

#if LIBFUZZER
private let target: FuzzTarget = {
    guard let name = ProcessInfo.processInfo.environment["PHUSONG_FUZZ_TARGET"], let target = FuzzTarget(rawValue: name) else {
        fatalError("set PHUSONG_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    target.run(Data(bytes: bytes, count: count), in: scratch)
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ body: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point as `<module>_main`: here it hands over to libFuzzer's driver.
@_cdecl("phusong_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return runFuzzerDriver(&count, &arguments) { bytes, size in fuzzOneInput(bytes, size) }
}
#else
@main
enum FuzzDriver {
    static func main() {
        let arguments = CommandLine.arguments
        if arguments.count == 2, arguments[1] == "targets" {
            print(FuzzTarget.allCases.map(\.rawValue).joined(separator: " "))  // for make fuzz's loop
            return
        }
        if arguments.count == 3, arguments[1] == "seeds", let target = FuzzTarget(rawValue: arguments[2]) {
            print(target.seeds.joined(separator: ","))  // for libFuzzer's -seed_inputs
            return
        }
        guard arguments.count >= 3, let target = FuzzTarget(rawValue: arguments[1]), let runs = Int(arguments[2]), runs > 0 else {
            let targets = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("usage: phusong-fuzz TARGET RUNS [SEED] | phusong-fuzz seeds TARGET | phusong-fuzz targets   (targets: \(targets))\n".utf8))
            exit(2)
        }
        let seed = arguments.count > 3 ? UInt64(arguments[3]) ?? 1 : 1
        let seeds = target.seeds.compactMap { FileManager.default.contents(atPath: $0) }
        let started = Date()
        MutationHarness(target: target, seeds: seeds).run(count: runs, seed: seed, in: scratch) { done in
            FileHandle.standardError.write(Data("\(target.rawValue): \(done) executions\n".utf8))
        }
        print("\(target.rawValue): \(runs) executions from seed \(seed) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s, no crash")
    }
}
#endif
