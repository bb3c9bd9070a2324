namespace Berth.Registry;

/// <summary>
/// One line of pull or push progress, as moby's progress package emits it: a message (<c>Pulling from x</c>, no
/// detail), or a layer's status (<c>Waiting</c>, <c>Pull complete</c>; <see cref="IsLayerStatus"/>), with byte
/// counts while it moves (<c>Downloading</c> current/total).
/// </summary>
public readonly record struct TransferEvent(string? Id, string Status, bool IsLayerStatus, long Current = 0, long Total = 0)
{
    public static TransferEvent Message(string status, string? id = null) => new(id, status, false);

    public static TransferEvent Layer(string id, string status) => new(id, status, true);

    public static TransferEvent Moving(string id, string status, long current, long total) => new(id, status, true, current, total);
}

/// <summary>Hears the progress of a transfer. Called from several download tasks at once; must not block.</summary>
public interface ITransferProgress
{
    void Report(TransferEvent progress);
}
