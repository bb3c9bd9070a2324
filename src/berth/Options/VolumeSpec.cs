namespace Berth.Cli.Options;

/// <summary>
/// compose's ParseVolume as docker run uses it for -v: [source:]target[:options]; a source that is a
/// path (starting with '.', '/' or '~') makes a bind mount, any other source names a volume.
/// </summary>
internal sealed record VolumeSpec(string Source, string Target, bool IsBind)
{
    public static VolumeSpec Parse(string spec)
    {
        if (spec.Length == 0)
        {
            throw new FormatException("invalid empty volume spec");
        }

        if (spec.Length <= 2)
        {
            return new VolumeSpec("", spec, false);
        }

        var source = "";
        var target = "";
        var fields = spec.Split(':');
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            var last = i == fields.Length - 1;
            if (field.Length == 0)
            {
                throw new FormatException($"invalid spec: {spec}: empty section between colons");
            }

            if (source.Length == 0 && last)
            {
                target = field;
            }
            else if (source.Length == 0)
            {
                source = field;
            }
            else if (target.Length == 0)
            {
                target = field;
            }
            else if (!last)
            {
                throw new FormatException($"invalid spec: {spec}: too many colons");
            }
        }

        return new VolumeSpec(source, target, source.Length > 0 && source[0] is '.' or '/' or '~');
    }
}
