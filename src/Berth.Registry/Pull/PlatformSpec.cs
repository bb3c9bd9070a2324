using System.Runtime.InteropServices;
using Berth.Core.Errors;
using Berth.Images.Manifests;

namespace Berth.Registry.Pull;

/// <summary>The platform a pull picks from a manifest list: <c>linux/amd64</c> by default (this host), or <c>os/arch[/variant]</c>.</summary>
public sealed record PlatformSpec(string Os, string Architecture, string? Variant)
{
    public static PlatformSpec Host { get; } = new("linux", HostArchitecture(), RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "v8" : null);

    public override string ToString() => Os + "/" + Architecture + (Variant is null ? "" : "/" + Variant);

    /// <summary>Parses <c>linux</c>, <c>linux/arm64</c>, <c>linux/arm/v7</c>; empty means the host's platform.</summary>
    public static PlatformSpec Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Host;
        }

        var parts = text.Trim().ToLowerInvariant().Split('/');
        if (parts.Length > 3 || parts.Any(p => p.Length == 0))
        {
            throw Errors.InvalidArgument($"\"{text}\": unknown operating system or architecture: invalid argument");
        }

        var arch = parts.Length > 1 ? Normalize(parts[1]) : Host.Architecture;
        var variant = parts.Length > 2 ? parts[2] : (arch == "arm64" ? "v8" : null);
        return new PlatformSpec(parts[0], arch, variant);
    }

    /// <summary>Whether an index entry is for this platform (an arm64 entry without a variant is v8).</summary>
    public bool Matches(OciPlatform? platform)
    {
        if (platform is null || platform.Os != Os || Normalize(platform.Architecture) != Architecture)
        {
            return false;
        }

        var variant = string.IsNullOrEmpty(platform.Variant) ? (Architecture == "arm64" ? "v8" : null) : platform.Variant;
        return Variant is null || variant is null || variant == Variant;
    }

    private static string Normalize(string arch) => arch switch
    {
        "x86_64" or "x86-64" => "amd64",
        "aarch64" => "arm64",
        _ => arch,
    };

    private static string HostArchitecture() => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        _ => "amd64",
    };
}
