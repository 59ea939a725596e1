/// Everything about the radio environment a model may need besides terrain, heights and frequency:
/// ITM's climate, refractivity, ground, polarisation and variability, and the empirical models' clutter class.
public struct RadioEnvironment: Sendable, Equatable {
    public var climate: RadioClimate
    public var refractivity: Double
    public var polarization: Polarization
    public var permittivity: Double
    public var conductivity: Double
    public var variability: VariabilityMode
    public var time: Double
    public var location: Double
    public var situation: Double
    public var hata: HataEnvironment
    public var cost231: Cost231Environment
    /// Use empirical models outside their validity range, with a warning, instead of refusing.
    public var allowExtrapolation: Bool
    /// How the transmitter and receiver were sited (ITM area mode).
    public var siting: (SitingCriteria, SitingCriteria)

    public static func == (a: RadioEnvironment, b: RadioEnvironment) -> Bool {
        a.climate == b.climate && a.refractivity == b.refractivity && a.polarization == b.polarization
            && a.permittivity == b.permittivity && a.conductivity == b.conductivity && a.variability == b.variability
            && a.time == b.time && a.location == b.location && a.situation == b.situation && a.hata == b.hata
            && a.cost231 == b.cost231 && a.allowExtrapolation == b.allowExtrapolation && a.siting == b.siting
    }

    /// Defaults: continental subtropical climate (northern Vietnam), 301 N-units, average ground
    /// (ε 15, σ 0.005 S/m), vertical polarisation, broadcast variability at 50 % / 50 % / 50 %,
    /// Hata urban, COST-231 medium city; for ITM area mode a carefully sited base station and a randomly
    /// placed receiver.
    public init(
        climate: RadioClimate = .continentalSubtropical, refractivity: Double = 301, polarization: Polarization = .vertical,
        permittivity: Double = 15, conductivity: Double = 0.005, variability: VariabilityMode = .broadcast,
        time: Double = 50, location: Double = 50, situation: Double = 50, hata: HataEnvironment = .urban,
        cost231: Cost231Environment = .mediumCity, allowExtrapolation: Bool = false,
        siting: (SitingCriteria, SitingCriteria) = (.careful, .random)
    ) {
        self.climate = climate
        self.refractivity = refractivity
        self.polarization = polarization
        self.permittivity = permittivity
        self.conductivity = conductivity
        self.variability = variability
        self.time = time
        self.location = location
        self.situation = situation
        self.hata = hata
        self.cost231 = cost231
        self.allowExtrapolation = allowExtrapolation
        self.siting = siting
    }

    /// The ITM inputs at `frequencyMHz`.
    public func itm(frequencyMHz: Double) -> ITMEnvironment {
        ITMEnvironment(
            climate: climate, refractivity: refractivity, frequencyMHz: frequencyMHz, polarization: polarization,
            permittivity: permittivity, conductivity: conductivity, variability: variability, time: time,
            location: location, situation: situation
        )
    }
}
