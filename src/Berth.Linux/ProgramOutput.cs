namespace Berth.Linux;

/// <summary>How a program run by <see cref="Spawner.RunAsync"/> ended, and what it wrote.</summary>
public sealed record ProgramOutput(WaitStatus Status, string Stdout, string Stderr);
