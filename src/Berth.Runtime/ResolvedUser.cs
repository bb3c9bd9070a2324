namespace Berth.Runtime;

/// <summary>The numeric identity a process runs as, and its home directory.</summary>
/// <param name="AdditionalGids">The supplementary groups, the primary group first (as Docker passes them).</param>
public sealed record ResolvedUser(uint Uid, uint Gid, IReadOnlyList<uint> AdditionalGids, string Home);
