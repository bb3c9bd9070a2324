using Berth.Cli.Cli;

namespace Berth.Cli.Commands.Container;

/// <summary>Flags run and create have beyond the container options: --name, --pull, -q, --platform and friends.</summary>
internal static class RunFlags
{
    public static Flag<string> Name() => Flags.String("name", null, "Assign a name to the container");

    public static Flag<bool> Quiet() => Flags.Bool("quiet", 'q', "Suppress the pull output");

    public static Flag<bool> UseApiSocket() => Flags.Bool("use-api-socket", null, "Bind mount Docker API socket and required auth");

    public static Flag<bool> Help() => Flags.Bool("help", null, "Print usage");

    public static Flag<string> Platform() => Flags.String("platform", null, "Set platform if server is multi-platform capable", global::System.Environment.GetEnvironmentVariable("DOCKER_DEFAULT_PLATFORM") ?? "");

    public static Flag<bool> DisableContentTrust() => Flags.Bool("disable-content-trust", null, "Skip image verification", defaultValue: true);
}
