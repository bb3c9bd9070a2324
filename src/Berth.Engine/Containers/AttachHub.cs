using System.Threading.Channels;

namespace Berth.Engine.Containers;

/// <summary>
/// Fans a container's output out to every attached client, and holds its stdin. Clients may attach
/// before the container starts (docker run attaches first); their feeds end when the run ends.
/// A slow client slows the container, as in Docker (bounded feeds, the pump waits).
/// </summary>
public sealed class AttachHub
{
    private const int FeedCapacity = 256;
    private readonly object _lock = new();
    private readonly List<Feed> _feeds = [];
    private TaskCompletionSource<Stream?> _stdin = NewStdin();

    public AttachFeed Subscribe(bool stdout, bool stderr)
    {
        var feed = new Feed(this, stdout, stderr, Channel.CreateBounded<OutputChunk>(new BoundedChannelOptions(FeedCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        }));
        lock (_lock)
        {
            _feeds.Add(feed);
        }

        return feed;
    }

    public async ValueTask PublishAsync(OutputChunk chunk, CancellationToken ct)
    {
        Feed[] feeds;
        lock (_lock)
        {
            feeds = _feeds.ToArray();
        }

        foreach (var feed in feeds)
        {
            if (!feed.Wants(chunk.Stream))
            {
                continue;
            }

            try
            {
                await feed.Channel.Writer.WriteAsync(chunk, ct).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                // the client went away between the snapshot and the write
            }
        }
    }

    /// <summary>The run ended and its output is all delivered: end every feed.</summary>
    public void CompleteAll()
    {
        Feed[] feeds;
        lock (_lock)
        {
            feeds = _feeds.ToArray();
            _feeds.Clear();
            _stdin.TrySetResult(null);
            _stdin = NewStdin();
        }

        foreach (var feed in feeds)
        {
            feed.Channel.Writer.TryComplete();
        }
    }

    /// <summary>The running process's stdin (null when it has none), once the process runs.</summary>
    public Task<Stream?> StdinAsync()
    {
        lock (_lock)
        {
            return _stdin.Task;
        }
    }

    public void SetStdin(Stream? stdin)
    {
        lock (_lock)
        {
            _stdin.TrySetResult(stdin);
        }
    }

    private void Remove(Feed feed)
    {
        lock (_lock)
        {
            _feeds.Remove(feed);
        }

        feed.Channel.Writer.TryComplete();
    }

    private static TaskCompletionSource<Stream?> NewStdin() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Feed(AttachHub hub, bool stdout, bool stderr, Channel<OutputChunk> channel) : AttachFeed
    {
        public Channel<OutputChunk> Channel { get; } = channel;

        public override ChannelReader<OutputChunk> Reader => Channel.Reader;

        public bool Wants(StdStream stream) => stream == StdStream.Stdout ? stdout : stderr;

        public override void Dispose() => hub.Remove(this);
    }
}

/// <summary>One client's view of a container's output; dispose to detach.</summary>
public abstract class AttachFeed : IDisposable
{
    public abstract ChannelReader<OutputChunk> Reader { get; }

    public abstract void Dispose();
}
