using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Tests;

/// <summary>The lazily made command tree: the names it looks commands up by, and what a command line makes.</summary>
public sealed class CommandTreeTests
{
    [Fact]
    public void Every_slot_is_named_as_the_command_it_makes()
    {
        AssertSlots(CommandTree.Build());

        static void AssertSlots(ParentCommand parent)
        {
            foreach (var slot in parent.Slots)
            {
                var command = parent.Find(slot.Names[0])!;
                Assert.Equal(slot.Names, command.Aliases.Prepend(command.Name).ToArray());
                if (command is ParentCommand group)
                {
                    AssertSlots(group);
                }
            }
        }
    }

    [Fact]
    public void A_command_line_makes_only_the_command_it_names()
    {
        var root = CommandTree.Build();

        var scan = FlagScanner.Scan(root, ["-D", "container", "run", "--rm", "busybox", "true"]);

        Assert.Equal(["berth", "container", "run"], scan.Path.Select(c => c.Name));
        Assert.Equal(["container"], root.Subcommands.Select(c => c.Name));
        Assert.Equal(["run"], scan.Path[1].Subcommands.Select(c => c.Name));
    }

    [Fact]
    public void Help_of_the_root_lists_every_command()
    {
        var root = CommandTree.Build();
        root.MakeAll();

        var help = HelpWriter.Render([root], "berth", 79);

        Assert.Contains("\n  run         Create and run a new container from an image\n", help, StringComparison.Ordinal);
        Assert.Contains("\n  container   Manage containers\n", help, StringComparison.Ordinal);
        Assert.Equal(38 + 5, root.Subcommands.Count);
    }
}
