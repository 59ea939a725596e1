import Foundation
import Siting
import Terrain
import Workflows

/// Runs one job into a folder and returns its headline figures, and why it is partial when the time limit cut
/// an evaluation short (plans, tilt searches and optimisations run whole; a verification cut short fails).
enum JobExecution {
    static func run(
        _ work: BatchJob.Work, into folder: String, cache: FootprintCache, limits: RunLimits
    ) throws(InputError) -> (figures: [String: Figure], partial: String?) {
        switch work {
        case let .evaluate(request):
            var run = request
            run.outputDirectory = folder
            run.footprintCache = cache
            run.limits = limits
            let summary = try FootprintJob.run(run)
            var figures: [String: Figure] = [
                "sites": .number(Double(summary.siteAreas.count)), "union_area_km2": .number(summary.unionAreaKm2),
                "warnings": .number(Double(summary.warnings.count)),
            ]
            if let residents = summary.residents {
                figures["residents_covered_percent"] = residents.total.residentsPercent("any").map(Figure.number)
                figures["communes_meeting_target"] = .number(Double(residents.meetingTarget["any"]?.count ?? 0))
                figures["largest_gap_residents"] = summary.gaps.map { .number($0.largestResidents) }
            }
            figures["roads_covered_percent"] = summary.roads?.total.coveredPercent["any"].map(Figure.number)
            figures["facilities_covered_percent"] = summary.facilities?.total.coveredPercent["any"].map(Figure.number)
            figures.merge(linkFigures(summary)) { $1 }
            return (figures, summary.partial?.description)
        case let .verify(claimPath):
            let report = try VerificationJob.run(claimPath: claimPath, outputDirectory: folder, footprintCache: cache, limits: limits)
            return (["result": .text(report.passed ? "PASS" : "FAIL"), "figures_failing": .number(Double(report.rows.filter { !$0.pass }.count))], nil)
        case let .optimize(optimization):
            return (try optimize(optimization, into: folder), nil)
        case let .plan(request):
            var run = request
            run.evaluation = wholeRun(request.evaluation, into: folder, cache: cache, limits: limits)
            let plan = try PlanJob.run(run)
            var figures: [String: Figure] = [
                "chosen": .number(Double(plan.chosen.count)), "cost": .number(plan.cost), "objective": .number(plan.objective),
                "gap": .number(plan.gap), "optimality": .text(plan.status), "residents_newly_covered": .number(plan.residentsNewlyCovered),
                "residents_given_a_second_mast": .number(plan.residentsGivenASecondMast),
            ]
            figures["cost_per_resident_newly_covered"] = plan.costPerResidentNewlyCovered.map(Figure.number)
            figures["chosen_without_backhaul"] = plan.chosenWithoutBackhaul.map { Figure.number(Double($0.count)) }
            figures["residents_first_served"] = plan.residentsFirstServed.map(Figure.number)
            if let before = plan.roadsCoveredKmBefore, let after = plan.roadsCoveredKmAfter { figures["roads_newly_covered_km"] = .number(after - before) }
            if let before = plan.facilitiesCoveredBefore, let after = plan.facilitiesCoveredAfter {
                figures["facilities_newly_covered"] = .number(Double(after - before))
            }
            figures["largest_gap_residents"] = .number(plan.largestGapResidentsAfter)
            return (figures, nil)
        case let .tilt(request):
            var run = request
            run.evaluation = wholeRun(request.evaluation, into: folder, cache: cache, limits: limits)
            let summary = try TiltJob.run(run)
            let before = summary.technologies.reduce(0) { $0 + $1.residentsBefore }, after = summary.technologies.reduce(0) { $0 + $1.residentsAfter }
            return ([
                "sectors_turned": .number(Double(summary.technologies.reduce(0) { $0 + $1.turned })),
                "residents_served_before": .number(before), "residents_served_after": .number(after),
            ], nil)
        case let .backhaul(request):
            var run = request
            run.outputPath = folder
            return (backhaulFigures(try BackhaulJob.run(run)), nil)
        case let .emf(request):
            var run = request
            run.outputPath = folder
            let masts = try EMFJob.run(run)
            var figures: [String: Figure] = [
                "masts": .number(Double(masts.count)), "masts_over_limit_on_ground": .number(Double(masts.filter { $0.isCompliant == false }.count)),
                "widest_zone_m": .number(masts.map(\.zoneReachM).max() ?? 0),
            ]
            let partial = masts.filter { $0.groundAssessedPercent < 100 }.count
            if partial > 0 { figures["masts_ground_partly_off_terrain"] = .number(Double(partial)) }
            return (figures, nil)
        }
    }

    /// The evaluation settings of a job that runs whole (a plan, a tilt search): into `folder`, through the batch's
    /// footprint cache, under its memory cap but no time limit.
    private static func wholeRun(_ evaluation: FootprintRequest, into folder: String, cache: FootprintCache, limits: RunLimits) -> FootprintRequest {
        var run = evaluation
        run.outputDirectory = folder
        run.footprintCache = cache
        run.limits.memoryBytes = limits.memoryBytes
        return run
    }

    /// An evaluation's figures from the uplink, 4G SINR, 5G SS-SINR, their rates, 3G Ec/Io, 2G C/I, neighbours and land
    /// cover, when the run had them: how many sites the uplink limits, the median SINR over 4G coverage, SS-SINR over
    /// 5G's and Ec/Io over 3G's with the shares polluted (RSRP, pilots), each rate's median, the share of cells under its
    /// limit and of residents at it, the median C/I over 2G coverage and
    /// the share under its limit, the relations within and between technologies and the identity clashes, the share of
    /// residents switching technologies off leaves without coverage, and each land-cover class's share covered by any site.
    private static func linkFigures(_ summary: FootprintSummary) -> [String: Figure] {
        var figures: [String: Figure] = [:]
        let uplinks = summary.siteAreas.compactMap(\.uplink)
        if !uplinks.isEmpty { figures["uplink_limited_sites"] = .number(Double(uplinks.filter { $0.limitingLink == "uplink" }.count)) }
        if let median = summary.lteSINR?.medianDB { figures["lte_sinr_median_db"] = .number(median) }
        if let median = summary.nrSINR?.medianDB { figures["nr_ss_sinr_median_db"] = .number(median) }
        for case let (prefix, rate?) in [("lte", summary.lteThroughput), ("nr", summary.nrThroughput)] {
            if let median = rate.medianMbps { figures["\(prefix)_throughput_median_mbps"] = .number(median) }
            if let under = rate.percentUnderLimit { figures["\(prefix)_throughput_under_limit_percent"] = .number(under) }
            if let share = rate.residentsPercentAtRate { figures["\(prefix)_throughput_residents_percent"] = .number(share) }
        }
        if let median = summary.umtsEcIo?.medianDB { figures["umts_ecio_median_db"] = .number(median) }
        if let polluted = summary.lteSINR?.crowding.percentPolluted { figures["lte_rsrp_polluted_percent"] = .number(polluted) }
        if let polluted = summary.nrSINR?.crowding.percentPolluted { figures["nr_ss_rsrp_polluted_percent"] = .number(polluted) }
        if let polluted = summary.umtsEcIo?.crowding.percentPolluted { figures["umts_pilot_polluted_percent"] = .number(polluted) }
        if let median = summary.gsmCI?.medianDB { figures["gsm_ci_median_db"] = .number(median) }
        if let under = summary.gsmCI?.percentUnderLimit { figures["gsm_ci_under_limit_percent"] = .number(under) }
        if let technologies = summary.neighbours?.technologies, !technologies.isEmpty {
            figures["neighbour_relations"] = .number(Double(technologies.reduce(0) { $0 + $1.relations }))
            figures["sites_without_neighbours"] = .number(Double(technologies.reduce(0) { $0 + $1.sitesWithoutNeighbours.count }))
            // Only the technologies whose every site has its identity (BSIC, scrambling code, PCI) count them.
            let identified = technologies.filter { $0.identityCollisions != nil }
            if !identified.isEmpty {
                figures["identity_collisions"] = .number(Double(identified.reduce(0) { $0 + ($1.identityCollisions ?? 0) }))
                figures["identity_confusions"] = .number(Double(identified.reduce(0) { $0 + ($1.identityConfusions ?? 0) }))
            }
        }
        if let losing = summary.sunset?.residentsPercentLosingCoverage { figures["sunset_residents_losing_percent"] = .number(losing) }
        if let share = summary.mastOutages?.coveredResidentsPercentOnOneMast { figures["one_mast_residents_percent"] = .number(share) }
        if let alone = summary.operators?.residentsByOperatorCount["1"], let total = summary.residents?.total {
            figures["one_operator_residents_percent"] = total.share(ofResidents: alone).map(Figure.number)
        }
        if let worst = summary.mastOutages?.worst.first {
            figures["worst_mast_outage_residents_percent"] = (worst.residentsPercentOnlyTheyCover ?? worst.residentsPercentOnlyItCovers).map(Figure.number)
        }
        if let traffic = summary.traffic {
            figures["overloaded_sites"] = .number(Double(traffic.technologies.reduce(0) { $0 + $1.overloadedSites.count }))
        }
        if let between = summary.neighbours?.interTechnology, !between.isEmpty {
            figures["inter_technology_relations"] = .number(Double(between.reduce(0) { $0 + $1.relations }))
        }
        for (value, share) in summary.clutter?.coverageByClass ?? [:] {
            figures["land_cover_\(value)_covered_percent"] = share.coveredPercent["any"].map(Figure.number)
        }
        return figures
    }

    /// A backhaul job's figures: its hops, how many see across, clear 0.6 of the first Fresnel zone and close their
    /// budget, with a climate how many are available 99.99 and 99.999 % of the year, and with hubs how many sites reach
    /// one and how many do not; any pairs left out, their line leaving the terrain.
    private static func backhaulFigures(_ result: BackhaulResult) -> [String: Figure] {
        let hops = result.hops
        var figures: [String: Figure] = [
            "hops": .number(Double(hops.count)), "line_of_sight_hops": .number(Double(hops.filter(\.fresnel.lineOfSight).count)),
            "clear_hops": .number(Double(hops.filter(\.fresnel.clears60Percent).count)),
        ]
        if hops.contains(where: { $0.budget?.closes != nil }) {
            figures["closing_hops"] = .number(Double(hops.filter { $0.budget?.closes == true }.count))
        }
        if !result.leftOut.isEmpty { figures["pairs_left_out"] = .number(Double(result.leftOut.count)) }
        for (name, percent) in [("99_99", 99.99), ("99_999", 99.999)] {
            figures["hops_available_\(name)_percent"] = result.hopsAvailable(atLeast: percent).map { .number(Double($0)) }
        }
        if let reach = result.reach?.filter({ !$0.isHub }) {
            figures["sites_reaching_hub"] = .number(Double(reach.filter { $0.hops != nil }.count))
            figures["sites_without_hub"] = .number(Double(reach.filter { $0.hops == nil }.count))
            figures["most_sites_cut_off"] = .number(Double(result.reach?.map(\.sitesCutOff).max() ?? 0))
        }
        return figures
    }

    /// `result.json`: objective, selected, upper_bound, gap and status (the seconds go to the run log only).
    private static func optimize(_ optimization: BatchJob.Optimization, into folder: String) throws(InputError) -> [String: Figure] {
        var instance = try CoverageInstanceFile.load(optimization.instancePath)
        if let p = optimization.p { instance.p = p }
        if let budget = optimization.budget { instance.budget = budget }
        let result: SitingResult
        do { result = try SitingSolver.solve(instance, options: optimization.options) } catch {
            throw InputError(path: optimization.instancePath, reason: error.message)
        }
        let object: [String: Any] = [
            "objective": result.objective, "selected": result.selected, "upper_bound": result.upperBound, "gap": result.gap,
            "status": result.status,
        ]
        let path = folder + "/result.json"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            try (String(decoding: data, as: UTF8.self) + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        } catch {
            throw InputError(path: path, reason: "cannot write: \(error.localizedDescription)")
        }
        return [
            "objective": .number(result.objective), "upper_bound": .number(result.upperBound), "gap": .number(result.gap),
            "optimality": .text(result.status), "selected": .number(Double(result.selected.count)),
        ]
    }
}
