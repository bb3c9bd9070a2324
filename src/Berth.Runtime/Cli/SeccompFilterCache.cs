using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Berth.Runtime.Oci;

namespace Berth.Runtime.Cli;

/// <summary>
/// crun compiles the seccomp profile with libseccomp at every start, about 20 ms for Docker's profile
/// (two thirds of a start), but also takes the compiled filter in the run.oci.seccomp_bpf_data
/// annotation. So the first container with a profile has crun compile it, and the filter crun leaves
/// in that container's state is handed to the next ones. Kept in memory only: a restarted daemon,
/// perhaps with another crun or libseccomp, compiles afresh.
/// </summary>
internal sealed class SeccompFilterCache
{
    public const string Annotation = "run.oci.seccomp_bpf_data";
    public const string FilterFile = "seccomp.bpf";
    private readonly ConcurrentDictionary<string, string> _filters = new(StringComparer.Ordinal);

    /// <summary>Adds the compiled filter to <paramref name="spec"/> when known; otherwise returns the key to <see cref="Learn"/> it under.</summary>
    public string? Apply(OciSpec spec)
    {
        if (spec.Linux.Seccomp is null)
        {
            return null;
        }

        var key = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(spec.Linux.Seccomp, OciJsonContext.Default.OciSeccomp)));
        if (!_filters.TryGetValue(key, out var filter))
        {
            return key;
        }

        (spec.Annotations ??= new Dictionary<string, string>(StringComparer.Ordinal))[Annotation] = filter;
        return null;
    }

    /// <summary>Keeps the filter crun compiled for a started container (in its state directory).</summary>
    public void Learn(string key, string containerStateDir)
    {
        var file = Path.Combine(containerStateDir, FilterFile);
        if (File.Exists(file))
        {
            _filters.TryAdd(key, Convert.ToBase64String(File.ReadAllBytes(file)));
        }
    }
}
