namespace Terminal.Emulator.Fleet;

public enum FleetOrderKind
{
    Cut,
    Restore,
    Power,
    RestartBroker,
    Status,
    Quit,
}

/// <summary>One command to the running fleet; <see cref="Bus"/> is the bus number (1..N), or null for every bus.</summary>
public sealed record FleetOrder(FleetOrderKind Kind, int? Bus = null)
{
    public override string ToString() => Kind switch
    {
        FleetOrderKind.RestartBroker => "restart-broker",
        FleetOrderKind.Cut or FleetOrderKind.Restore or FleetOrderKind.Power => $"{Kind.ToString().ToLowerInvariant()} {(Bus is { } bus ? bus.ToString() : "all")}",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
