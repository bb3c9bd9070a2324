using Berth.Core;
using Berth.Engine.Events;

namespace Berth.Engine.Tests;

public sealed class EventFilterTests
{
    private static readonly EngineEvent Die = Container("die", "abc123", ("name", "web"), ("image", "busybox:1.36"), ("exitCode", "0"), ("app", "shop"));

    private static EngineEvent Container(string action, string id, params (string Key, string Value)[] attributes) =>
        new("container", action, id, attributes.ToDictionary(a => a.Key, a => a.Value), DateTime.UtcNow);

    private static EventFilter Filter(params (string Key, string Value)[] values) =>
        new(new FilterArgs(values.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)g.Select(v => v.Value).ToList())));

    [Fact]
    public void No_filter_includes_everything() => Assert.True(EventFilter.All.Includes(Die));

    [Theory]
    [InlineData("type", "container", true)]
    [InlineData("type", "image", false)]
    [InlineData("event", "die", true)]
    [InlineData("event", "di", false)]
    [InlineData("container", "web", true)]
    [InlineData("container", "we", true)]
    [InlineData("container", "abc", true)]
    [InlineData("container", "other", false)]
    [InlineData("image", "busybox:1.36", true)]
    [InlineData("image", "busybox", true)]
    [InlineData("image", "alpine", false)]
    [InlineData("label", "app", true)]
    [InlineData("label", "app=shop", true)]
    [InlineData("label", "app=other", false)]
    [InlineData("network", "web", true)]
    [InlineData("scope", "local", true)]
    [InlineData("scope", "swarm", false)]
    public void One_key_matches_as_moby_matches(string key, string value, bool included) =>
        Assert.Equal(included, Filter((key, value)).Includes(Die));

    [Fact]
    public void A_name_filter_of_another_type_excludes_actors_that_do_not_match()
    {
        var connect = new EngineEvent("network", "connect", "n1", new Dictionary<string, string> { ["name"] = "bridge", ["container"] = "abc123" }, DateTime.UtcNow);
        Assert.True(Filter(("network", "bridge")).Includes(connect));
        Assert.False(Filter(("network", "other")).Includes(connect));
        Assert.False(Filter(("volume", "data")).Includes(connect));
    }

    [Fact]
    public void Values_of_one_key_are_alternatives_and_keys_all_apply()
    {
        Assert.True(Filter(("event", "start"), ("event", "die")).Includes(Die));
        Assert.False(Filter(("event", "die"), ("type", "image")).Includes(Die));
        Assert.False(Filter(("label", "app"), ("label", "tier")).Includes(Die));
    }

    [Fact]
    public void Exec_actions_match_by_prefix_when_given_bare()
    {
        var exec = Container("exec_start: sh -c true", "abc123", ("name", "web"));
        Assert.True(Filter(("event", "exec_start")).Includes(exec));
        Assert.False(Filter(("event", "exec_die")).Includes(exec));
        Assert.True(Filter(("event", "exec_start: sh -c true")).Includes(exec));
    }

    [Fact]
    public void Image_events_match_their_name_attribute()
    {
        var tag = new EngineEvent("image", "tag", "sha256:1234", new Dictionary<string, string> { ["name"] = "example/app:v1" }, DateTime.UtcNow);
        Assert.True(Filter(("image", "example/app")).Includes(tag));
        Assert.True(Filter(("image", "example/app:v1")).Includes(tag));
        Assert.True(Filter(("image", "sha256:1234")).Includes(tag));
        Assert.False(Filter(("image", "example/other")).Includes(tag));
    }
}
