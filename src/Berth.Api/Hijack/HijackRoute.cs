using Berth.Api.Http;

namespace Berth.Api.Hijack;

public enum HijackKind
{
    Attach,
    ExecStart,
}

/// <summary>Recognises POST [/vX.Y]/containers/{id}/attach and POST [/vX.Y]/exec/{id}/start.</summary>
public sealed record HijackRoute(HijackKind Kind, string Id, string? Version)
{
    public static HijackRoute? Match(string method, string target)
    {
        if (method != "POST")
        {
            return null;
        }

        var path = target.Split('?', 2)[0];
        var stripped = RequestVersion.StripPrefix(path, out var version) ?? path;
        var parts = stripped.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3)
        {
            return null;
        }

        var id = Uri.UnescapeDataString(parts[1]);
        return (parts[0], parts[2]) switch
        {
            ("containers", "attach") => new HijackRoute(HijackKind.Attach, id, version),
            ("exec", "start") => new HijackRoute(HijackKind.ExecStart, id, version),
            _ => null,
        };
    }
}
