namespace Berth.Api.Contracts;

/// <summary>Docker's <c>struct{}</c> values, as in <c>"ExposedPorts": {"80/tcp": {}}</c>.</summary>
public sealed class EmptyObject
{
    public static EmptyObject Instance { get; } = new();
}
