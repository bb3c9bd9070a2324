using System.Runtime.Versioning;
using Berth.Cli.Cli;

[assembly: SupportedOSPlatform("linux")]

// messages name the program as it was invoked ("berth", or "docker" through a symlink)
var program = Path.GetFileNameWithoutExtension(Environment.GetCommandLineArgs()[0]);
return await CliRunner.RunAsync(program, args, CliStreams.FromProcess(), Environment.GetEnvironmentVariable).ConfigureAwait(false);
