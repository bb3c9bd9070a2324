namespace Berth.Engine;

/// <summary>How an engine instance is set up: where its data lives and which runtime is the default.</summary>
public sealed record EngineOptions
{
    public string DataRoot { get; init; } = "/var/lib/berth";

    /// <summary>"crun" (default) or "runc"; null lets the runtime catalog decide.</summary>
    public string? DefaultRuntime { get; init; }
}
