using System.CommandLine;

namespace Berth.Cli.Cli;

/// <summary>A subcommand the tree makes only when it is needed: its names, and how to make it.</summary>
internal sealed record SubcommandSlot(string[] Names, Func<Command> Make);

/// <summary>
/// The root and the management commands: they make a subcommand when the command line names it, or all of them
/// when help lists them. Making every command with its flags costs about a millisecond at each start, more than
/// the whole of the rest of the command line's parsing.
/// </summary>
internal abstract class ParentCommand : Command
{
    private readonly Command?[] _made;

    protected ParentCommand(string name, string description, IReadOnlyList<SubcommandSlot> slots)
        : base(name, description)
    {
        Slots = slots;
        _made = new Command?[slots.Count];
    }

    public IReadOnlyList<SubcommandSlot> Slots { get; }

    /// <summary>The subcommand with this name or alias, made and added on first use; null if there is none.</summary>
    public Command? Find(string word)
    {
        for (var i = 0; i < Slots.Count; i++)
        {
            if (Slots[i].Names.Contains(word))
            {
                return Make(i);
            }
        }

        return null;
    }

    /// <summary>Makes every subcommand, at every level below (for help, and for tests).</summary>
    public void MakeAll()
    {
        for (var i = 0; i < Slots.Count; i++)
        {
            if (Make(i) is ParentCommand group)
            {
                group.MakeAll();
            }
        }
    }

    private Command Make(int index)
    {
        if (_made[index] is { } made)
        {
            return made;
        }

        var command = Slots[index].Make();
        Subcommands.Add(command);
        _made[index] = command;
        return command;
    }
}
