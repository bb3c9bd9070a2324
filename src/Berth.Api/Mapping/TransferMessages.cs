using Berth.Api.Contracts;
using Berth.Api.Contracts.Streams;
using Berth.Registry;

namespace Berth.Api.Mapping;

/// <summary>Pull and push progress as moby's streamformatter writes it, so the docker CLI draws its own bars.</summary>
public static class TransferMessages
{
    private const int BarWidth = 50;

    public static JsonMessage From(TransferEvent progress)
    {
        var message = new JsonMessage { Status = progress.Status, Id = progress.Id };
        if (!progress.IsLayerStatus)
        {
            return message;
        }

        message.ProgressDetail = new ProgressDetail { Current = progress.Current, Total = progress.Total };
        var bar = Bar(progress.Current, progress.Total);
        message.Progress = bar.Length > 0 ? bar : null;
        return message;
    }

    /// <summary>jsonmessage.JSONProgress.String for a daemon without a terminal (width 200): <c>[===&gt;   ]  1.2MB/3.4MB</c>.</summary>
    public static string Bar(long current, long total)
    {
        if (current <= 0 && total <= 0)
        {
            return "";
        }

        var currentText = Units.HumanSize(current).PadLeft(8);
        if (total <= 0)
        {
            return currentText;
        }

        var percentage = Math.Min((int)((double)current / total * 100) / 2, BarWidth);
        var box = "[" + new string('=', percentage) + ">" + new string(' ', BarWidth - percentage) + "] ";
        return box + (current > total ? currentText : currentText + "/" + Units.HumanSize(total));
    }
}
