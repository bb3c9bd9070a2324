using System.Buffers;
using System.Threading.Channels;

namespace Berth.Engine.Logs;

/// <summary>
/// A container's json-file log: appended by the output pumps, read by `logs`, followed live by
/// `logs -f` without polling the file (followers get entries pushed as they are written).
/// </summary>
public sealed class ContainerLog : IDisposable
{
    private readonly object _lock = new();
    private readonly string _path;
    private readonly List<Channel<LogEntry>> _followers = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private FileStream? _file;
    private bool _running;

    public ContainerLog(string path) => _path = path;

    public string Path => _path;

    /// <summary>Opens the log for a run; followers attached from now on stay until <see cref="EndRun"/>.</summary>
    public void BeginRun()
    {
        lock (_lock)
        {
            _file ??= new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
            _running = true;
        }
    }

    public void Append(LogEntry entry)
    {
        lock (_lock)
        {
            if (_file is null)
            {
                return;
            }

            _buffer.ResetWrittenCount();
            JsonFileFormat.Write(_buffer, entry);
            _file.Write(_buffer.WrittenSpan);
            foreach (var follower in _followers)
            {
                follower.Writer.TryWrite(entry);
            }
        }
    }

    /// <summary>The run ended: close the file and end every follow.</summary>
    public void EndRun()
    {
        lock (_lock)
        {
            _running = false;
            _file?.Dispose();
            _file = null;
            foreach (var follower in _followers)
            {
                follower.Writer.TryComplete();
            }

            _followers.Clear();
        }
    }

    /// <summary>
    /// For `logs -f`: the file length up to which to read from disk, and a live feed of everything
    /// after it (null when the container is not running: nothing more will come).
    /// </summary>
    public (long FileLength, ChannelReader<LogEntry>? Live, Action Unfollow) Follow()
    {
        lock (_lock)
        {
            var length = File.Exists(_path) ? new FileInfo(_path).Length : 0;
            if (!_running)
            {
                return (length, null, () => { });
            }

            var channel = Channel.CreateUnbounded<LogEntry>(new UnboundedChannelOptions { SingleReader = true });
            _followers.Add(channel);
            return (length, channel.Reader, () =>
            {
                lock (_lock)
                {
                    _followers.Remove(channel);
                }

                channel.Writer.TryComplete();
            });
        }
    }

    public long CurrentLength()
    {
        lock (_lock)
        {
            return File.Exists(_path) ? new FileInfo(_path).Length : 0;
        }
    }

    public void Dispose() => EndRun();
}
