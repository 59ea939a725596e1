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
