namespace Backend.Ingest.Broker;

/// <summary>
/// How many terminals the embedded broker is documented to carry (docs/ingest.md, "Where each broker stops",
/// measured by `bench day` on the 2-core development machine): beyond it, run Mosquitto (Production mode). MQTTnet's
/// server hands each message over by scanning every session, so its cost per message grows with the fleet.
/// </summary>
public static class EmbeddedBrokerCeiling
{
    public const int Terminals = 2_000;

    /// <summary>The warning for an embedded broker asked to serve <paramref name="terminals"/>; null within the ceiling.</summary>
    public static string? WarningFor(int terminals) => terminals <= Terminals ? null :
        $"The embedded broker is asked to serve {terminals:N0} terminals, more than the {Terminals:N0} it is documented to carry (docs/ingest.md): "
        + "acks slow down and time out at peak; run Mosquitto (Backend:Mode=Production) for a fleet this size.";
}
