namespace Berth.Images;

/// <summary>What happened to a path of a container's filesystem (Docker's archive.ChangeType values).</summary>
public enum FilesystemChangeKind
{
    Modified = 0,
    Added = 1,
    Deleted = 2,
}

/// <summary>One line of `docker diff`: an absolute path in the container and what happened to it.</summary>
public sealed record FilesystemChange(string Path, FilesystemChangeKind Kind);
