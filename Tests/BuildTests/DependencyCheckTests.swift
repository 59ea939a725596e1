import Testing
import TestSupport

/// `Tests/check-dependencies.py`, which `make` runs before building: a target that imports a module it reaches only
/// through another dependency is not rebuilt when that module's struct layouts change.
@Suite struct DependencyCheckTests {
    let script = SharedData.packageRoot.appendingPathComponent("Tests/check-dependencies.py").path

    @Test func namesTheTargetAndTheModuleItImportsWithoutDeclaring() throws {
        let package = Fixtures.path("undeclared-import")
        let result = try runProgram("python3", [script, package])
        #expect(result.status == 1)
        let problems = result.stderr.split(separator: "\n").filter { $0.contains(" imports ") }
        #expect(problems == [
            "\(package)/Package.swift: target Top imports Base (\(package)/Sources/Top/Top.swift) without listing it"
                + " among its dependencies",
        ])
    }

    @Test func passesThisRepositoryAndItsBenchmarks() throws {
        let root = SharedData.packageRoot.path
        let result = try runProgram("python3", [script, root, root + "/Benchmarks"])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
