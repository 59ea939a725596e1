import Foundation
import Terrain
import TestSupport
import Testing
import Workflows

@Suite("Neighbour audits (phusong audit-neighbours)")
struct NeighbourAuditTests {
    let predicted = """
        technology,source,target,rank,reason,source_cells,cells,percent,same_frequency
        2G,A,B,1,co-site,200,50,25.000,false
        2G,A,C,2,coverage,200,10,5.000,false
        2G,B,A,1,co-site,100,40,40.000,false
        2G,C,A,1,mutual,300,0,0.000,false

        """
    let inter = """
        source_technology,source,target_technology,target,rank,reason,source_cells,cells,percent
        4G,L,2G,A,1,co-site,80,60,75.000

        """

    @Test("""
        The relations predicted and configured are kept, those predicted alone are missing (the largest share first), \
        those configured alone unneeded — or of an unknown site where the predicted lists do not name one — each once; \
        the command writes audit.csv and prints the counts; relations between technologies listed before they had a \
        reason have "inter-technology"
        """)
    func audit() throws {
        let folder = try temporaryFolder("neighbour-audit")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try predicted.write(toFile: folder + "/neighbours.csv", atomically: true, encoding: .utf8)
        try inter.write(toFile: folder + "/inter.csv", atomically: true, encoding: .utf8)
        try "source,target,cell_name\nA,B,x\nC,B,y\nA,Z,z\nA,B,again\nB,A,w\n".write(toFile: folder + "/oss.csv", atomically: true, encoding: .utf8)
        let audit = try NeighbourAudit(predicted: [folder + "/neighbours.csv", folder + "/inter.csv"], configured: folder + "/oss.csv")
        #expect(audit.rows.map { "\($0.source)>\($0.target):\($0.status.rawValue)" } == [
            "L>A:missing", "A>C:missing", "C>A:missing", "C>B:unneeded", "A>Z:unknown_site", "A>B:kept", "B>A:kept",
        ])
        #expect(audit.rows[0].reason == "co-site" && audit.rows[0].cells == 60 && audit.rows[0].percent == 75)
        let withoutReasons = inter.replacingOccurrences(of: "rank,reason,", with: "rank,").replacingOccurrences(of: "1,co-site,", with: "1,")
        try withoutReasons.write(toFile: folder + "/inter-before-reasons.csv", atomically: true, encoding: .utf8)
        let older = try NeighbourAudit(predicted: [folder + "/inter-before-reasons.csv"], configured: folder + "/oss.csv")
        #expect(older.rows.first { $0.source == "L" }?.reason == "inter-technology")
        #expect(audit.csv.split(separator: "\n").first == "source,target,status,reason,cells,percent")
        #expect(audit.csv.contains("\nC,B,unneeded,,,\n") && audit.csv.contains("\nA,B,kept,co-site,50,25.000\n"))
        let result = try runProgram(phusongExecutable, [
            "audit-neighbours", "--predicted", folder + "/neighbours.csv", "--predicted", folder + "/inter.csv",
            "--configured", folder + "/oss.csv", "--out", folder + "/audit.csv",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: folder + "/audit.csv", encoding: .utf8) == audit.csv)
        #expect(result.stdout.contains("5 relations predicted, 4 configured") && result.stdout.contains("missing (predicted, not configured): 3"), "\(result.stdout)")
    }

    @Test("Configured relations without source and target, or with an empty id, and predicted lists without their columns or with a broken line are refused naming the file")
    func refusals() throws {
        let folder = try temporaryFolder("neighbour-audit-errors")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try predicted.write(toFile: folder + "/neighbours.csv", atomically: true, encoding: .utf8)
        let configured: (String) throws(InputError) -> Void = { path throws(InputError) in
            _ = try NeighbourAudit(predicted: [folder + "/neighbours.csv"], configured: path)
        }
        #expect(try refusalReason(of: "from,to\nA,B\n", in: folder, configured).contains("needs the columns source and target"))
        #expect(try refusalReason(of: "source,target\nA,\n", in: folder, configured).contains("line 2: expected a source and a target"))
        let predictedList: (String) throws(InputError) -> Void = { path throws(InputError) in
            _ = try NeighbourAudit(predicted: [path], configured: folder + "/neighbours.csv")
        }
        #expect(try refusalReason(of: "source,target\nA,B\n", in: folder, predictedList).contains("needs the columns source, target, cells and percent"))
        #expect(try refusalReason(of: "source,target,cells,percent\nA,B,x,1\n", in: folder, predictedList).contains("line 2: expected two site ids"))
    }
}
