using System.Threading.Channels;

namespace Berth.Engine.Events;

/// <summary>
/// Publishes engine events to live subscribers and keeps the most recent ones, so that
/// `events --since` can replay them. Publishing never blocks on a slow subscriber.
/// </summary>
public sealed class EventBus
{
    private const int Kept = 1024;
    private readonly object _lock = new();
    private readonly LinkedList<EngineEvent> _recent = new();
    private readonly List<Channel<EngineEvent>> _subscribers = [];

    public int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    public void Publish(EngineEvent e)
    {
        lock (_lock)
        {
            _recent.AddLast(e);
            if (_recent.Count > Kept)
            {
                _recent.RemoveFirst();
            }

            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(e);
            }
        }
    }

    public void Container(string action, string id, IReadOnlyDictionary<string, string> attributes) =>
        Publish(new EngineEvent("container", action, id, attributes, DateTime.UtcNow));

    public void Image(string action, string id, string name) =>
        Publish(new EngineEvent("image", action, id, new Dictionary<string, string> { ["name"] = name }, DateTime.UtcNow));

    /// <summary>A live feed, starting with kept events newer than <paramref name="since"/> when given.</summary>
    public Subscription Subscribe(DateTime? since)
    {
        var channel = Channel.CreateUnbounded<EngineEvent>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            if (since is { } from)
            {
                foreach (var e in _recent.Where(e => e.Time >= from))
                {
                    channel.Writer.TryWrite(e);
                }
            }

            _subscribers.Add(channel);
        }

        return new Subscription(this, channel);
    }

    private void Unsubscribe(Channel<EngineEvent> channel)
    {
        lock (_lock)
        {
            _subscribers.Remove(channel);
        }

        channel.Writer.TryComplete();
    }

    public sealed class Subscription : IDisposable
    {
        private readonly EventBus _bus;
        private readonly Channel<EngineEvent> _channel;

        internal Subscription(EventBus bus, Channel<EngineEvent> channel)
        {
            _bus = bus;
            _channel = channel;
        }

        public ChannelReader<EngineEvent> Reader => _channel.Reader;

        public void Dispose() => _bus.Unsubscribe(_channel);
    }
}
