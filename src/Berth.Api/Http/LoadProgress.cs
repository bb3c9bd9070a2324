using System.Threading.Channels;
using Berth.Api.Contracts.Streams;
using Berth.Images.Transfer;

namespace Berth.Api.Http;

/// <summary>
/// `docker load`'s "Loading layer" lines: reported from the thread that reads the archive without waiting on the
/// client, written to the progress stream in order by one writer until <see cref="CompleteAsync"/>.
/// </summary>
public sealed class LoadProgress : ILoadProgress
{
    private readonly Channel<JsonMessage> _messages = Channel.CreateUnbounded<JsonMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public LoadProgress(ProgressStream output, CancellationToken ct) => _writer = WriteAllAsync(output, ct);

    public void LayerRead(string id, long current, long total) => _messages.Writer.TryWrite(new JsonMessage
    {
        Status = "Loading layer",
        Id = id,
        ProgressDetail = new ProgressDetail { Current = current, Total = total },
    });

    public Task CompleteAsync()
    {
        _messages.Writer.TryComplete();
        return _writer;
    }

    private async Task WriteAllAsync(ProgressStream output, CancellationToken ct)
    {
        await foreach (var message in _messages.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            await output.WriteAsync(message, ct).ConfigureAwait(false);
        }
    }
}
