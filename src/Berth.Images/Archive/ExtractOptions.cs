namespace Berth.Images.Archive;

/// <summary>How a tar is extracted into a container (<c>docker cp</c>).</summary>
/// <param name="NoOverwriteDirNonDir">Refuse to replace a directory by a non-directory or the reverse (what the docker CLI asks for).</param>
/// <param name="Owner">Own every entry by this uid and gid (<c>cp -a</c>: the container's user) instead of the archive's.</param>
public sealed record ExtractOptions(bool NoOverwriteDirNonDir, (uint Uid, uint Gid)? Owner = null);
