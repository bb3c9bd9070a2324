using Berth.Core.Errors;

namespace Berth.Core.Tests;

public sealed class FilterArgsTests
{
    private static FilterArgs Of(params (string Key, string Value)[] pairs) =>
        new(pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)g.Select(p => p.Value).ToList()));

    [Fact]
    public void Labels_match_by_key_or_key_and_value()
    {
        var labels = new Dictionary<string, string> { ["tier"] = "web", ["env"] = "prod" };
        Assert.True(Of(("label", "tier")).MatchesLabels("label", labels));
        Assert.True(Of(("label", "tier=web"), ("label", "env=prod")).MatchesLabels("label", labels));
        Assert.False(Of(("label", "tier=db")).MatchesLabels("label", labels));
        Assert.False(Of(("label", "missing")).MatchesLabels("label", labels));
        Assert.True(FilterArgs.Empty.MatchesLabels("label", labels));
    }

    [Fact]
    public void Unknown_keys_are_refused_with_dockers_message()
    {
        var e = Assert.Throws<BerthException>(() => Of(("nope", "x")).Validate(new HashSet<string> { "label" }));
        Assert.Equal("invalid filter 'nope'", e.Message);
    }

    [Fact]
    public void Booleans_parse()
    {
        Assert.True(Of(("dangling", "true")).GetBool("dangling"));
        Assert.False(Of(("dangling", "0")).GetBool("dangling"));
        Assert.Null(FilterArgs.Empty.GetBool("dangling"));
        Assert.Throws<BerthException>(() => Of(("dangling", "maybe")).GetBool("dangling"));
    }

    [Theory]
    [InlineData("10s", 10)]
    [InlineData("1m30s", 90)]
    [InlineData("1.5h", 5400)]
    [InlineData("300ms", 0.3)]
    public void Go_durations_parse(string text, double seconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(seconds, duration.TotalSeconds, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("x1s")]
    public void Bad_durations_do_not_parse(string text) => Assert.False(GoDuration.TryParse(text, out _));

    [Fact]
    public async Task Undo_runs_in_reverse_unless_completed()
    {
        var log = new List<int>();
        await using (var undo = new UndoScope())
        {
            undo.Push(() => log.Add(1));
            undo.Push(() => log.Add(2));
        }

        Assert.Equal([2, 1], log);
        log.Clear();
        await using (var undo = new UndoScope())
        {
            undo.Push(() => log.Add(1));
            undo.Complete();
        }

        Assert.Empty(log);
    }
}
