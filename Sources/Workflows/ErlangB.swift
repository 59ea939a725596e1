import Foundation

/// Erlang's B formula: the share of calls blocked when `traffic` erlangs are offered to a group of channels and
/// blocked calls are lost — how circuit-switched voice channels are dimensioned for a grade of service.
public enum ErlangB {
    /// The blocking probability with `channels` channels offered `traffic` erlangs, by the recurrence
    /// B(0) = 1, B(n) = A·B(n − 1) / (n + A·B(n − 1)), which stays within 0–1 at every step.
    public static func blocking(traffic: Double, channels: Int) -> Double {
        var blocking = 1.0
        for channel in stride(from: 1, through: channels, by: 1) {
            blocking = traffic * blocking / (Double(channel) + traffic * blocking)
        }
        return blocking
    }

    /// The fewest channels that carry `traffic` erlangs with at most `grade` of the calls blocked (0 < grade < 1);
    /// none for no traffic.
    public static func channels(traffic: Double, grade: Double) -> Int {
        guard traffic > 0 else { return 0 }
        var blocking = 1.0, channels = 0
        while blocking > grade {
            channels += 1
            blocking = traffic * blocking / (Double(channels) + traffic * blocking)
        }
        return channels
    }
}

/// A 2G cell's voice with part of its calls on half-rate codecs (AMR-HR), which take half a traffic channel each: the
/// Kaufman–Roberts recursion over half-channels, q(j) = (2 a_full q(j − 2) + a_half q(j − 1)) / j, gives the chance of
/// j busy half-channels, of which a full-rate call needs two free and a half-rate call one. With no half-rate calls it
/// is Erlang B; with all of them, Erlang B on twice the channels.
public enum HalfRateErlang {
    /// The share of calls blocked (full- and half-rate calls together) on `channels` full-rate channels offered `traffic`
    /// erlangs, `halfRateShare` (0–1) of them half-rate.
    public static func blocking(traffic: Double, channels: Int, halfRateShare: Double) -> Double {
        var occupancy = HalfChannelOccupancy(traffic: traffic, halfRateShare: halfRateShare)
        while occupancy.halfChannels < 2 * channels { occupancy.extend() }
        return occupancy.blocking
    }

    /// The fewest full-rate channels that carry `traffic` erlangs, `halfRateShare` of them half-rate, with at most
    /// `grade` of the calls blocked; none for no traffic.
    public static func channels(traffic: Double, grade: Double, halfRateShare: Double) -> Int {
        guard traffic > 0 else { return 0 }
        var occupancy = HalfChannelOccupancy(traffic: traffic, halfRateShare: halfRateShare)
        while occupancy.blocking > grade {
            occupancy.extend()
            occupancy.extend()
        }
        return occupancy.halfChannels / 2
    }
}

/// The Kaufman–Roberts recursion grown one half-channel at a time: unnormalised chances of each number of busy
/// half-channels (rescaled as they grow, so thousands of erlangs stay finite) and their sum.
private struct HalfChannelOccupancy {
    let fullRate: Double, halfRate: Double, halfShare: Double
    private var chances: [Double] = [1]
    private var sum = 1.0

    init(traffic: Double, halfRateShare: Double) {
        (fullRate, halfRate, halfShare) = (traffic * (1 - halfRateShare), traffic * halfRateShare, halfRateShare)
    }

    /// The half-channels the group has so far.
    var halfChannels: Int { chances.count - 1 }

    mutating func extend() {
        let busy = chances.count
        let chance = (halfRate * chances[busy - 1] + (busy >= 2 ? 2 * fullRate * chances[busy - 2] : 0)) / Double(busy)
        chances.append(chance)
        sum += chance
        if sum > 1e250 {
            for index in chances.indices { chances[index] *= 1e-250 }
            sum *= 1e-250
        }
    }

    /// The calls blocked: a full-rate call with fewer than two half-channels free, a half-rate one with none.
    var blocking: Double {
        let last = chances.count - 1
        let full = (chances[last] + (last >= 1 ? chances[last - 1] : 0)) / sum, half = chances[last] / sum
        return (1 - halfShare) * full + halfShare * half
    }
}

/// How many traffic channels (TCH, full rate) a 2G cell's transceivers carry: eight timeslots each, less those its
/// signalling takes — one on a single TRX (BCCH with SDCCH/4 combined), two from two to four TRX (BCCH and an
/// SDCCH/8), one more SDCCH/8 for every four TRX beyond — the usual rule behind the 7, 14, 22 and 30 channels of one
/// to four TRX.
public enum GSMTrafficChannels {
    /// Full-rate traffic channels on `transceivers` TRX.
    public static func capacity(transceivers: Int) -> Int {
        let signalling = transceivers == 1 ? 1 : 2 + (transceivers - 1) / 4
        return 8 * transceivers - signalling
    }

    /// The fewest TRX whose traffic channels number `channels` or more.
    public static func transceivers(carrying channels: Int) -> Int {
        var transceivers = 1
        while capacity(transceivers: transceivers) < channels { transceivers += 1 }
        return transceivers
    }
}
