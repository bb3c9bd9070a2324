using Berth.Core.Errors;
using Berth.Core.Ids;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>`docker rename`.</summary>
    public async Task RenameAsync(string idOrName, string newName)
    {
        if (string.IsNullOrEmpty(newName))
        {
            throw Errors.InvalidArgument("Neither old nor new names may be empty");
        }

        var name = ContainerName.Normalize(newName);
        var record = Get(idOrName);
        if (record.Name == name)
        {
            throw Errors.InvalidArgument("Renaming a container with the same name as its current name");
        }

        var old = record.Name;
        record = await MutateAsync(record.Id, r => r with { Name = name }).ConfigureAwait(false);
        Emit("rename", record, ("oldName", "/" + old));
    }
}
