using System.Text.RegularExpressions;
using Berth.Core.Errors;

namespace Berth.Volumes;

/// <summary>Docker's local volume name rule: [a-zA-Z0-9][a-zA-Z0-9_.-]+.</summary>
public static partial class VolumeName
{
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex Valid();

    public static bool IsValid(string name) => Valid().IsMatch(name);

    public static void Validate(string name)
    {
        if (!IsValid(name))
        {
            throw Errors.InvalidArgument($"create {name}: \"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
        }
    }
}
