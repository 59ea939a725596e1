import Foundation
import TestSupport
import Testing

/// `phusong optimize`: the stable command-line contract and its errors.
@Suite("phusong optimize")
struct OptimizeCommandTests {
    func run(_ arguments: [String]) throws -> ProgramOutput { try runProgram(phusongExecutable, arguments) }

    /// Three demands, three candidates: b covers the two heavy ones.
    let small = #"{"name":"small","demands":[5,7,1],"candidates":[{"id":"a","cost":1,"covers":[0]},{"id":"b","cost":2,"covers":[0,1]},{"id":"c","cost":1,"covers":[2],"kind":"existing"}]}"#

    /// `small` written to small.json in a new temporary folder.
    func smallInstance(_ label: String) throws -> (folder: String, path: String) {
        let folder = try temporaryFolder(label)
        try small.write(toFile: folder + "/small.json", atomically: true, encoding: .utf8)
        return (folder, folder + "/small.json")
    }

    @Test("One JSON object with objective, selected, upper_bound, gap, seconds and status; --p and --budget override the file; .json.gz read")
    func contract() throws {
        let (folder, path) = try smallInstance("optimize")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try runProgram("gzip", ["-k", path]).status == 0)
        for (file, arguments, objective, selected) in [
            (path, ["--p", "1"], 13.0, ["b", "c"]), (path + ".gz", ["--budget", "2"], 6.0, ["a", "c"]),
        ] {
            let result = try run(["optimize", "--instance", file] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 1)
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(Set(answer.keys) == ["objective", "selected", "upper_bound", "gap", "seconds", "status"])
            #expect(answer["objective"] as? Double == objective && answer["selected"] as? [String] == selected)
            #expect(answer["status"] as? String == "optimal" && answer["gap"] as? Double == 0)
            #expect((answer["upper_bound"] as? Double ?? 0) == objective && (answer["seconds"] as? Double ?? -1) >= 0)
        }
    }

    @Test("""
        group_capacity lets a mast take two tenants; exclusions keep a pair apart; minimum_coverage forces a demand in; \
        backhaul keeps out a site whose only link is to a site of its own group, and takes both where the group has room
        """)
    func capacityAndExclusions() throws {
        let folder = try temporaryFolder("capacity")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let base = #""demands":[5,7,1],"candidates":[{"id":"a","cost":1,"covers":[0],"group":"m"},{"id":"b","cost":1,"covers":[1],"group":"m"},{"id":"c","cost":1,"covers":[2]}]"#
        for (extra, objective, selected) in [
            ("", 8.0, ["b", "c"]), (#","group_capacity":{"m":2}"#, 13.0, ["a", "b", "c"]),
            (#","group_capacity":{"m":2},"exclusions":[["a","b"]]"#, 8.0, ["b", "c"]),
            (#","minimum_coverage":[{"id":"x","demands":[0],"share":1}]"#, 6.0, ["a", "c"]),
            (#","backhaul":{"needing_link":["b"],"links":[["a","b"]]}"#, 6.0, ["a", "c"]),
            (#","group_capacity":{"m":2},"backhaul":{"needing_link":["b"],"links":[["a","b"]]}"#, 13.0, ["a", "b", "c"]),
        ] {
            let path = folder + "/instance.json"
            try ("{" + base + extra + "}").write(toFile: path, atomically: true, encoding: .utf8)
            let result = try run(["optimize", "--instance", path, "--p", "3"])
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
            #expect(answer["objective"] as? Double == objective && answer["selected"] as? [String] == selected, "\(extra): \(result.stdout)")
        }
    }

    @Test("Edge instances: no candidates, a budget of zero, no demands → objective 0, proven optimal, nothing selected")
    func edges() throws {
        let folder = try temporaryFolder("edgeinstance")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (index, (text, arguments)) in [
            (#"{"demands":[1,2],"candidates":[]}"#, ["--p", "3"]),
            (#"{"demands":[1,2],"candidates":[{"id":"a","cost":5,"covers":[0]}]}"#, ["--budget", "0"]),
            (#"{"demands":[],"candidates":[{"id":"a","cost":0,"covers":[]}]}"#, ["--p", "1"]),
            (#"{"demands":[4,2],"candidates":[{"id":"a","cost":1,"covers":[0,1]}]}"#, ["--p", "0"]),
        ].enumerated() {
            let path = folder + "/edge\(index).json"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try run(["optimize", "--instance", path] + arguments)
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(index): \(result.stderr)")
            #expect(answer["objective"] as? Double == 0 && answer["upper_bound"] as? Double == 0, "\(index): \(result.stdout)")
            #expect(answer["status"] as? String == "optimal" && (answer["selected"] as? [String])?.isEmpty == true, "\(index): \(result.stdout)")
        }
    }

    @Test("A time limit of inf, or too long to count in milliseconds, is no limit (it trapped converting)")
    func unlimitedTime() throws {
        let (folder, path) = try smallInstance("optimize-unlimited")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for limit in ["inf", "1e300"] {
            let result = try run(["optimize", "--instance", path, "--p", "1", "--time-limit", limit])
            #expect(result.status == 0, "\(limit): \(result.stderr)")
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(answer["objective"] as? Double == 13 && answer["status"] as? String == "optimal", "\(limit): \(result.stdout)")
        }
    }

    @Test("--budget inf or nan is refused as an option, before the instance is read (inf was blamed on the file)")
    func nonFiniteBudget() throws {
        let (folder, path) = try smallInstance("optimize-budget")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for budget in ["inf", "nan"] {
            let result = try run(["optimize", "--instance", path, "--budget", budget])
            #expect(result.status == 64 && result.stderr.contains("--budget must be a finite number ≥ 0 (leave it out for no budget)"), "\(budget): \(result.stderr)")
        }
    }

    @Test("Bad instances: one line naming the file and the fault, exit 1")
    func badInstances() throws {
        let folder = try temporaryFolder("badinstance")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cases: [(String, String, [String])] = [
            (#"{"demands":[1,2],"candidates":[{"id":"a","cost":1,"covers":[0,2]}]}"#, "covers index 2 is out of range (2 demands)", ["--p", "1"]),
            (#"{"demands":[1,2],"candidates":[{"id":"a","cost":-3,"covers":[0]}]}"#, "cost -3.0 must be ≥ 0", ["--p", "1"]),
            (#"{"demands":[1],"candidates":[{"id":"a","cost":5,"covers":[0],"fixed":true}]}"#, "infeasible: the fixed sites alone cost 5.0, over the budget 2.0", ["--budget", "2"]),
            (#"{"demands":[1],"candidates":[{"id":"a","cost":1,"covers":[0]}]}"#, "give p (most new sites) or a budget", []),
            (#"{"demands":[1,"x"],"candidates":[]}"#, "demands[1]: not a number", ["--p", "1"]),
            (#"{"demands":[1],"candidates":[{"id":"a","cost":1,"covers":[0]},{"id":"a","cost":1,"covers":[0]}]}"#, "id appears twice", ["--p", "1"]),
            (#"{"demands":[1],"candidates":[{"id":"a","cost":1,"covers":[0]}],"exclusions":[["a","z"]]}"#, "exclusions[0]: no candidate with id 'z'", ["--p", "1"]),
            (#"{"demands":[1],"candidates":[{"id":"a","cost":1,"covers":[0]}],"backhaul":{"needing_link":["z"]}}"#, "backhaul.needing_link[0]: no candidate with id 'z'", ["--p", "1"]),
            (#"{"demands":[1],"candidates":[{"id":"a","cost":1,"covers":[0]}],"backhaul":{"links":[["a"]]}}"#, "backhaul.links[0]: not a pair of candidate ids", ["--p", "1"]),
            (#"{"demands":[1],"candidates":[{"id":"a","cost":1,"covers":[0]}],"backhaul":[]}"#, "backhaul: not an object of needing_link and links", ["--p", "1"]),
            (#"{"demands":[1],"candidates":[{"id":"a","cost":0,"covers":[0],"fixed":true}],"backhaul":{"needing_link":["a"]}}"#, "backhaul: fixed site 'a' is on air already and cannot need a link", ["--p", "1"]),
            (#"{"demands":[1],"candidates":[{"id":"a","cost":1,"covers":[0],"group":"m","fixed":true}],"group_capacity":{"m":0}}"#, "more fixed sites in group 'm' than its capacity 0", ["--p", "1"]),
            (#"{"demands":[1],"candidates":[{"id":"a","cost":1,"covers":[0]}"#, "malformed or truncated JSON", ["--p", "1"]),
            // Whole numbers too large for a count (converting them trapped; found by fuzzing).
            (
                #"{"demands":[1],"candidates":[{"id":"a","cost":1,"covers":[0],"group":"m"}],"group_capacity":{"m":244444444444444444444}}"#,
                "group_capacity.m: '244444444444444444444' is not a whole number from 0 to 10⁹", ["--p", "1"]
            ),
            (#"{"demands":[1],"candidates":[{"id":"a","cost":1,"covers":[0]}],"p":1e300}"#, "p: '1e+300' is not a whole number from 0 to 10⁹", []),
            (#"{"demands":[1],"candidates":[],"minimum_coverage":[{"id":"x","demands":[0],"share":1.5}]}"#, "minimum coverage 'x': share 1.5 must be within 0–1", ["--p", "1"]),
            (#"{"demands":[1],"candidates":[],"minimum_coverage":[{"demands":[3],"share":0.5}]}"#, "minimum coverage '0': demand index 3 is out of range (1 demands)", ["--p", "1"]),
            (
                #"{"demands":[1,2],"candidates":[{"id":"a","cost":1,"covers":[0]}],"minimum_coverage":[{"id":"far","demands":[1],"share":0.5}]}"#,
                "infeasible: minimum coverage 'far' needs 50 % covered, but every candidate together covers 0 %", ["--p", "1"]
            ),
            (
                #"{"demands":[1,2],"candidates":[{"id":"a","cost":1,"covers":[0]},{"id":"b","cost":1,"covers":[1]}],"minimum_coverage":[{"demands":[0],"share":1},{"demands":[1],"share":1}]}"#,
                "infeasible: no choice of sites within the limits (p, budget, groups, exclusions) meets every minimum coverage", ["--p", "1"]
            ),
        ]
        for (index, (text, fault, arguments)) in cases.enumerated() {
            let path = folder + "/bad\(index).json"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try run(["optimize", "--instance", path] + arguments)
            #expect(result.status == 1, "\(index): \(result.stdout)")
            #expect(result.stderr.hasPrefix("phusong: error: \(path): ") && result.stderr.contains(fault), "\(index): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        let corrupt = folder + "/corrupt.json.gz"
        try Data([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]).write(to: URL(fileURLWithPath: corrupt))
        let result = try run(["optimize", "--instance", corrupt, "--p", "1"])
        #expect(result.status == 1 && result.stderr.hasPrefix("phusong: error: \(corrupt): "), "\(result.stderr)")
    }
}
