namespace Berth.Images;

/// <summary>Go's <c>struct{}</c> as JSON: the <c>{}</c> values of <c>ExposedPorts</c> and <c>Volumes</c>.</summary>
public sealed class EmptyObject
{
    public static EmptyObject Instance { get; } = new();
}
