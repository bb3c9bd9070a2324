using System.Reflection;

namespace Berth.Architecture.Tests;

/// <summary>The layering of ARCHITECTURE.md, checked on the built assemblies: arrows point down only.</summary>
public sealed class ReferenceRulesTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Berth.Core"] = [],
        ["Berth.Linux"] = [],
        ["Berth.Api.Contracts"] = [],
        ["Berth.Images"] = ["Berth.Core", "Berth.Linux"],
        ["Berth.Runtime"] = ["Berth.Core", "Berth.Linux"],
        ["Berth.Network"] = ["Berth.Core", "Berth.Linux"],
        ["Berth.Volumes"] = ["Berth.Core", "Berth.Linux"],
        ["Berth.Registry"] = ["Berth.Core", "Berth.Images"],
        ["Berth.Engine"] = ["Berth.Core", "Berth.Linux", "Berth.Images", "Berth.Runtime", "Berth.Network", "Berth.Volumes", "Berth.Registry"],
        ["Berth.Build"] = ["Berth.Engine", "Berth.Core", "Berth.Linux", "Berth.Images", "Berth.Runtime", "Berth.Network", "Berth.Volumes", "Berth.Registry"],
        ["Berth.Api"] = ["Berth.Engine", "Berth.Build", "Berth.Api.Contracts", "Berth.Core", "Berth.Linux", "Berth.Images", "Berth.Runtime", "Berth.Network", "Berth.Volumes", "Berth.Registry"],
        ["Berth.Client"] = ["Berth.Api.Contracts"],
        ["berthd"] = ["Berth.Api", "Berth.Engine", "Berth.Build", "Berth.Api.Contracts", "Berth.Core", "Berth.Linux", "Berth.Images", "Berth.Runtime", "Berth.Network", "Berth.Volumes", "Berth.Registry"],
        ["berth"] = ["Berth.Client", "Berth.Api.Contracts"],
    };

    public static TheoryData<string> Assemblies => new(Allowed.Keys.Where(Exists));

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void References_point_down_only(string name)
    {
        var assembly = Assembly.Load(name);
        var ours = assembly.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(n => n.StartsWith("Berth.", StringComparison.Ordinal) || n is "berth" or "berthd")
            .ToList();
        Assert.All(ours, reference => Assert.Contains(reference, Allowed[name]));
    }

    [Fact]
    public void The_cli_never_links_the_engine_or_aspnet()
    {
        var cli = Assembly.Load("berth");
        var references = cli.GetReferencedAssemblies().Select(r => r.Name!).ToList();
        Assert.DoesNotContain(references, r => r.StartsWith("Berth.Engine", StringComparison.Ordinal) || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    private static bool Exists(string name)
    {
        try
        {
            Assembly.Load(name);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }
}
