using Berth.Core;
using Berth.Engine.Events;

namespace Berth.Engine.Tests;

public sealed class EventBusTests
{
    private static EngineEvent At(string action, DateTime time) =>
        new("container", action, "c1", new Dictionary<string, string> { ["name"] = "x" }, time);

    private static List<string> Drain(EventBus.Subscription subscription)
    {
        var actions = new List<string>();
        while (subscription.Reader.TryRead(out var e))
        {
            actions.Add(e.Action);
        }

        return actions;
    }

    [Fact]
    public void Without_since_or_until_only_live_events_arrive()
    {
        var bus = new EventBus();
        bus.Publish(At("create", DateTime.UtcNow));
        using var subscription = bus.Subscribe(null, null, EventFilter.All);
        bus.Publish(At("start", DateTime.UtcNow));
        Assert.Equal(["start"], Drain(subscription));
    }

    [Fact]
    public void Since_and_until_replay_kept_events_between_them_then_live_ones_follow()
    {
        var bus = new EventBus();
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        bus.Publish(At("create", t0));
        bus.Publish(At("start", t0.AddSeconds(10)));
        bus.Publish(At("die", t0.AddSeconds(20)));

        using var between = bus.Subscribe(t0.AddSeconds(5), t0.AddSeconds(15), EventFilter.All);
        Assert.Equal(["start"], Drain(between));

        using var since = bus.Subscribe(t0.AddSeconds(10), null, EventFilter.All);
        bus.Publish(At("destroy", t0.AddSeconds(30)));
        Assert.Equal(["start", "die", "destroy"], Drain(since));
    }

    [Fact]
    public void Subscriptions_get_only_what_their_filter_includes_and_stop_counting_when_disposed()
    {
        var bus = new EventBus();
        var filter = new EventFilter(new FilterArgs(new Dictionary<string, IReadOnlyCollection<string>> { ["event"] = ["die"] }));
        var subscription = bus.Subscribe(null, null, filter);
        Assert.Equal(1, bus.SubscriberCount);
        bus.Publish(At("start", DateTime.UtcNow));
        bus.Publish(At("die", DateTime.UtcNow));
        Assert.Equal(["die"], Drain(subscription));
        subscription.Dispose();
        Assert.Equal(0, bus.SubscriberCount);
        Assert.True(subscription.Reader.Completion.IsCompleted);
    }
}
