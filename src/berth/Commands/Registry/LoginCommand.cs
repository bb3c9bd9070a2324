using System.CommandLine;
using Berth.Api.Contracts.Images;
using Berth.Cli.Cli;
using Berth.Cli.Commands.Image;
using Berth.Cli.Interop;

namespace Berth.Cli.Commands.Registry;

/// <summary>docker login: POST /auth with the credentials, stored in config.json when the registry accepts them.</summary>
internal sealed class LoginCommand : DockerCommand
{
    private readonly Flag<string> _password = Flags.String("password", 'p', "Password or Personal Access Token (PAT)");
    private readonly Flag<bool> _passwordStdin = Flags.Bool("password-stdin", null, "Take the Password or Personal Access Token (PAT) from stdin");
    private readonly Flag<string> _username = Flags.String("username", 'u', "Username");

    public LoginCommand()
        : base("login", "[OPTIONS] [SERVER]", "Authenticate to a registry", ArgsRule.AtMost(1))
    {
        LongDescription = "Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.";
        TopRank = 8;
        Add(_password);
        Add(_passwordStdin);
        Add(_username);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var user = parse.GetValue(_username) ?? "";
        var password = parse.GetValue(_password) ?? "";
        if (Given(parse, _passwordStdin))
        {
            if (Given(parse, _password))
            {
                throw new CliStatusException(1, "conflicting options: cannot specify both --password and --password-stdin");
            }

            if (!Given(parse, _username))
            {
                throw new CliStatusException(1, "the --password-stdin option requires --username to be set");
            }
        }

        if (Given(parse, _username) && user.Length == 0)
        {
            throw new CliStatusException(1, "username is empty");
        }

        if (Given(parse, _password) && password.Length == 0)
        {
            throw new CliStatusException(1, "password is empty");
        }

        if (password.Length > 0)
        {
            await context.Err.WriteLineAsync("WARNING! Using --password via the CLI is insecure. Use --password-stdin.").ConfigureAwait(false);
        }

        if (parse.GetValue(_passwordStdin))
        {
            using var reader = new StreamReader(context.Streams.InStream, leaveOpen: true);
            password = (await reader.ReadToEndAsync(ct).ConfigureAwait(false)).TrimEnd('\n').TrimEnd('\r');
        }

        var server = parse.GetValue(Operands) is [var given] && given != "docker.io" ? given : RegistryAuth.DockerHubServer;
        if (user.Length == 0 || password.Length == 0)
        {
            if (!context.Streams.InIsTerminal)
            {
                throw new CliStatusException(1, "Error: Cannot perform an interactive login from a non TTY device");
            }

            var stored = context.Config.Credentials(server);
            if (user.Length == 0)
            {
                var suggestion = stored?.User is { Length: > 0 } previous ? $" ({previous})" : "";
                await context.Out.WriteAsync($"Username{suggestion}: ").ConfigureAwait(false);
                user = (await ReadLineAsync(context, ct).ConfigureAwait(false)).Trim();
                if (user.Length == 0)
                {
                    user = stored?.User ?? "";
                }

                if (user.Length == 0)
                {
                    throw new CliStatusException(1, "Error: Non-null Username Required");
                }
            }

            if (password.Length == 0)
            {
                await context.Out.WriteAsync("Password: ").ConfigureAwait(false);
                using (TerminalIo.DisableEcho(TerminalIo.StdIn))
                {
                    password = await ReadLineAsync(context, ct).ConfigureAwait(false);
                }

                await context.Out.WriteLineAsync().ConfigureAwait(false);
                if (password.Length == 0)
                {
                    throw new CliStatusException(1, "Error: Password Required");
                }
            }
        }

        var response = await context.Client.System.AuthAsync(new AuthConfig { Username = user, Password = password, ServerAddress = server }, ct).ConfigureAwait(false);
        context.Config.SaveCredentials(server, user, password);
        if (response.Status.Length > 0)
        {
            await context.Out.WriteLineAsync(response.Status).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task<string> ReadLineAsync(CliContext context, CancellationToken ct)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (await context.Streams.InStream.ReadAsync(one, ct).ConfigureAwait(false) == 1 && one[0] != '\n')
        {
            line.Add(one[0]);
        }

        return System.Text.Encoding.UTF8.GetString([.. line]).TrimEnd('\r');
    }
}
