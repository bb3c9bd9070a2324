namespace Berth.Linux;

/// <summary>What a directory entry is, from the S_IFMT bits of its mode.</summary>
public enum FileSystemNodeType
{
    Unknown,
    RegularFile,
    Directory,
    SymbolicLink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
}
