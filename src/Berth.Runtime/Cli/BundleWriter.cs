using System.Text.Json;
using Berth.Runtime.Oci;

namespace Berth.Runtime.Cli;

/// <summary>Writes a bundle's config.json atomically: a runtime never reads a half-written one.</summary>
internal static class BundleWriter
{
    public const string ConfigFile = "config.json";

    public static void Write(string bundleDir, OciSpec spec)
    {
        var path = Path.Combine(bundleDir, ConfigFile);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(spec, OciJsonContext.Default.OciSpec));
        File.Move(temp, path, overwrite: true);
    }
}
