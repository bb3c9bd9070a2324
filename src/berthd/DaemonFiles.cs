namespace Berth.Daemon;

/// <summary>The pidfile (locked while the daemon runs, so "is it up?" needs no polling) and the readiness FIFO.</summary>
internal static class DaemonFiles
{
    /// <summary>Opens the pidfile exclusively (.NET takes flock(LOCK_EX) for FileShare.None) and writes the PID.</summary>
    public static FileStream HoldPidFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new InvalidOperationException($"another berthd holds {path}");
        }

        file.SetLength(0);
        var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId + "\n");
        file.Write(pid);
        file.Flush();
        return file;
    }

    public static void SignalReady(string fifo)
    {
        using var writer = new StreamWriter(fifo);
        writer.WriteLine("ready");
    }
}
