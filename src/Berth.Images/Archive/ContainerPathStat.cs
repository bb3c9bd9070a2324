using Berth.Linux;

namespace Berth.Images.Archive;

/// <summary>A path in a container as <c>docker cp</c> sees it: the entry itself (a symlink is not followed), and where a symlink leads.</summary>
/// <param name="Name">The last element of the path, as Go's filepath.Base gives it.</param>
/// <param name="LinkTarget">For a symlink, its target resolved inside the container as far as it exists (an absolute container path).</param>
public sealed record ContainerPathStat(string Name, long Size, FileSystemNodeType Type, UnixFileMode Mode, DateTimeOffset Modified, string LinkTarget)
{
    public bool IsDirectory => Type == FileSystemNodeType.Directory;
}
