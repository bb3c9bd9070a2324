namespace Berth.Engine.Containers;

/// <summary>What `docker top` shows: ps's column titles and one row of values per process.</summary>
public sealed record ProcessList(IReadOnlyList<string> Titles, IReadOnlyList<IReadOnlyList<string>> Processes);
