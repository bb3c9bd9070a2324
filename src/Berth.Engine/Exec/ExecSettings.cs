namespace Berth.Engine.Exec;

/// <summary>What `docker exec` asked for.</summary>
public sealed record ExecSettings
{
    public required IReadOnlyList<string> Cmd { get; init; }

    public IReadOnlyList<string> Env { get; init; } = [];

    public string User { get; init; } = "";

    public string WorkingDir { get; init; } = "";

    public bool Tty { get; init; }

    public bool AttachStdin { get; init; }

    public bool AttachStdout { get; init; }

    public bool AttachStderr { get; init; }

    public bool Privileged { get; init; }

    public string DetachKeys { get; init; } = "";

    public IReadOnlyList<int> ConsoleSize { get; init; } = [];
}
