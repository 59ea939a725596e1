/// Everything about the radio environment a model may need besides terrain, heights and frequency:
/// ITM's climate, refractivity, ground, polarisation and variability, the empirical models' clutter class,
/// and how the terminals were sited.
public struct RadioEnvironment: Sendable, Equatable {
    /// Climate, refractivity, ground, polarisation and variability (ITM; ground and polarisation also P.526).
    public var itm: ITMEnvironment
    public var hata: HataEnvironment
    public var cost231: Cost231Environment
    /// Buildings and streets for the rural macro-cell model (`rma`).
    public var rural: RuralSurroundings
    /// Use empirical models outside their validity range, with a warning, instead of refusing.
    public var allowExtrapolation: Bool
    /// How the transmitter and receiver were sited (ITM area mode).
    public var siting: (SitingCriteria, SitingCriteria)
    /// The σ (dB) of location variability for the models other than ITM, at `itm.location` percent of locations;
    /// nil for Okumura's (Hata, COST-231) or none (`LocationVariability`).
    public var locationSigmaDB: Double?
    /// For the 3GPP scenarios (`rma`, `uma`, `umi`): where the terrain leaves the handset in sight, whether it is in
    /// sight only with the scenario's probability that its buildings and trees leave it so too (`ScenarioModel`).
    public var sightProbability = false

    /// Defaults: continental subtropical climate (northern Vietnam), 301 N-units, average ground
    /// (ε 15, σ 0.005 S/m), vertical polarisation, broadcast variability at 50 % / 50 % / 50 %;
    /// Hata urban, COST-231 medium city; 5 m buildings and 20 m streets (RMa); for ITM area mode a carefully sited base station and a randomly
    /// placed receiver.
    public init(
        itm: ITMEnvironment = ITMEnvironment(climate: .continentalSubtropical), hata: HataEnvironment = .urban,
        cost231: Cost231Environment = .mediumCity, rural: RuralSurroundings = RuralSurroundings(), allowExtrapolation: Bool = false,
        siting: (SitingCriteria, SitingCriteria) = (.careful, .random), locationSigmaDB: Double? = nil
    ) {
        self.itm = itm
        self.hata = hata
        self.cost231 = cost231
        self.rural = rural
        self.allowExtrapolation = allowExtrapolation
        self.siting = siting
        self.locationSigmaDB = locationSigmaDB
    }

    /// This environment for a handset inside `building` (nil: outdoors) at `frequencyMHz`: the building's spread from
    /// one to the next joined to ITM's location variability (`ITMEnvironment.indoorSigmaDB`); the other models take it
    /// with their margin (`PathLossModel.locationMarginDB`).
    public func indoors(_ building: BuildingPenetration?, frequencyMHz: Double) -> RadioEnvironment {
        var joined = self
        joined.itm.indoorSigmaDB = indoorSigmaDB(building, frequencyMHz: frequencyMHz) ?? 0
        return joined
    }

    /// The σ (dB) of `building`'s loss at `frequencyMHz` and this environment's location percentage; nil outdoors.
    public func indoorSigmaDB(_ building: BuildingPenetration?, frequencyMHz: Double) -> Double? {
        building?.sigmaDB(frequencyMHz: frequencyMHz, locationPercent: itm.location)
    }

    public static func == (a: RadioEnvironment, b: RadioEnvironment) -> Bool {
        a.itm == b.itm && a.hata == b.hata && a.cost231 == b.cost231 && a.rural == b.rural && a.allowExtrapolation == b.allowExtrapolation
            && a.siting == b.siting && a.locationSigmaDB == b.locationSigmaDB && a.sightProbability == b.sightProbability
    }
}
