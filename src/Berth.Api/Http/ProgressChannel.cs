using System.Threading.Channels;
using Berth.Api.Contracts.Streams;
using Berth.Api.Mapping;
using Berth.Registry;

namespace Berth.Api.Http;

/// <summary>
/// Collects progress from concurrent transfer tasks without blocking them, and writes it to the response in order,
/// one JSON line per flush, until <see cref="CompleteAsync"/>.
/// </summary>
public sealed class ProgressChannel : ITransferProgress
{
    private readonly Channel<JsonMessage> _messages = Channel.CreateUnbounded<JsonMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public ProgressChannel(ProgressStream output, CancellationToken ct) => _writer = WriteAllAsync(output, ct);

    public void Report(TransferEvent progress) => _messages.Writer.TryWrite(TransferMessages.From(progress));

    public void Write(JsonMessage message) => _messages.Writer.TryWrite(message);

    /// <summary>Writes out what is queued and stops.</summary>
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
