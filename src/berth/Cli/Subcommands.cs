using System.CommandLine;

namespace Berth.Cli.Cli;

/// <summary>A subcommand the tree makes only when it is needed: its names, and how to make it.</summary>
internal sealed record SubcommandSlot(string[] Names, Func<Command> Make);

/// <summary>
/// The root and the management commands: they make a subcommand when the command line names it, or all of them
/// when help lists them. Making every command with its flags costs about a millisecond at each start, more than
/// the whole of the rest of the command line's parsing.
/// </summary>
internal interface ICommandParent
{
    /// <summary>The subcommand with this name or alias, made and added on first use; null if there is none.</summary>
    Command? Find(string word);

    /// <summary>Makes every subcommand, at every level below (for help, and for tests).</summary>
    void MakeAll();
}

/// <summary>The slots of one parent and the commands made from them so far.</summary>
internal sealed class LazySubcommands(Command parent, IReadOnlyList<SubcommandSlot> slots)
{
    private readonly Command?[] _made = new Command?[slots.Count];

    public IReadOnlyList<SubcommandSlot> Slots => slots;

    public Command? Find(string word)
    {
        for (var i = 0; i < slots.Count; i++)
        {
            if (slots[i].Names.Contains(word))
            {
                return Make(i);
            }
        }

        return null;
    }

    public void MakeAll()
    {
        for (var i = 0; i < slots.Count; i++)
        {
            if (Make(i) is ICommandParent group)
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

        var command = slots[index].Make();
        parent.Subcommands.Add(command);
        _made[index] = command;
        return command;
    }
}
