using System.Threading.Channels;

namespace Berth.Engine.Events;

/// <summary>
/// Publishes engine events to live subscribers and keeps the most recent ones, so that
/// `events --since` can replay them. Publishing never blocks: a subscriber that falls more than
/// <see cref="Backlog"/> events behind loses the newest ones, as moby drops events for a listener
/// that does not take them in time.
/// </summary>
public sealed class EventBus
{
    private const int Kept = 1024;
    private const int Backlog = 4096;
    private readonly object _lock = new();
    private readonly LinkedList<EngineEvent> _recent = new();
    private readonly List<Subscription> _subscribers = [];

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
                subscriber.Offer(e);
            }
        }
    }

    public void Container(string action, string id, IReadOnlyDictionary<string, string> attributes) =>
        Publish(new EngineEvent("container", action, id, attributes, DateTime.UtcNow));

    public void Image(string action, string id, string name) =>
        Publish(new EngineEvent("image", action, id, new Dictionary<string, string> { ["name"] = name }, DateTime.UtcNow));

    /// <summary>
    /// A live feed of the events <paramref name="filter"/> includes. When <paramref name="since"/> or <paramref name="until"/>
    /// is given it starts with the kept events between them (moby replays nothing without either); the replay and the
    /// live feed meet without a gap or a duplicate.
    /// </summary>
    public Subscription Subscribe(DateTime? since, DateTime? until, EventFilter filter)
    {
        var subscription = new Subscription(this, filter);
        lock (_lock)
        {
            if (since is not null || until is not null)
            {
                foreach (var e in _recent.Where(e => (since is null || e.Time >= since) && (until is null || e.Time <= until)))
                {
                    subscription.Offer(e);
                }
            }

            _subscribers.Add(subscription);
        }

        return subscription;
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscription);
        }
    }

    public sealed class Subscription : IDisposable
    {
        private readonly EventBus _bus;
        private readonly EventFilter _filter;
        private readonly Channel<EngineEvent> _channel = Channel.CreateBounded<EngineEvent>(
            new BoundedChannelOptions(Backlog) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

        internal Subscription(EventBus bus, EventFilter filter)
        {
            _bus = bus;
            _filter = filter;
        }

        public ChannelReader<EngineEvent> Reader => _channel.Reader;

        internal void Offer(EngineEvent e)
        {
            if (_filter.Includes(e))
            {
                _channel.Writer.TryWrite(e);
            }
        }

        public void Dispose()
        {
            _bus.Unsubscribe(this);
            _channel.Writer.TryComplete();
        }
    }
}
