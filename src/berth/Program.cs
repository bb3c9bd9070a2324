using Berth.Cli.Cli;

var program = Path.GetFileName(Environment.GetCommandLineArgs()[0]);
return await CliRunner.RunAsync(program, args, CliStreams.FromProcess(), Environment.GetEnvironmentVariable).ConfigureAwait(false);
