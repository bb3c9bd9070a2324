namespace Berth.IntegrationTests.Support;

/// <summary>
/// A real terminal for interactive tests: a tmux session on a private server, typed into with
/// send-keys and read with capture-pane; waits are deadline-bounded polls of the screen.
/// </summary>
public sealed class TmuxTerminal : IAsyncDisposable
{
    private readonly string _socket = "berth-it-" + Guid.NewGuid().ToString("N")[..8];
    private readonly Cli _tmux = new("tmux", new Dictionary<string, string>());

    private TmuxTerminal()
    {
    }

    public static async Task<TmuxTerminal> StartAsync(IReadOnlyDictionary<string, string> environment, int columns = 100, int rows = 30)
    {
        var terminal = new TmuxTerminal();
        var exports = string.Join("; ", environment.Select(e => $"export {e.Key}={e.Value}"));
        (await terminal.RunAsync("new-session", "-d", "-s", "t", "-x", columns.ToString(), "-y", rows.ToString(), $"bash --norc --noprofile -c '{exports}; PS1=\"tty-ready> \" exec bash --norc --noprofile -i'")).Ok();
        await terminal.WaitForAsync("tty-ready>");
        return terminal;
    }

    private Task<CommandResult> RunAsync(params string[] args) => _tmux.RunAsync(["-L", _socket, .. args]);

    public async Task TypeAsync(string text, bool enter = true)
    {
        (await RunAsync("send-keys", "-t", "t", "-l", text)).Ok();
        if (enter)
        {
            (await RunAsync("send-keys", "-t", "t", "Enter")).Ok();
        }
    }

    /// <summary>Sends tmux key names: "C-p", "C-q", "C-d".</summary>
    public async Task KeysAsync(params string[] keys) => (await RunAsync(["send-keys", "-t", "t", .. keys])).Ok();

    public async Task ResizeAsync(int columns, int rows) =>
        (await RunAsync("resize-window", "-t", "t", "-x", columns.ToString(), "-y", rows.ToString())).Ok();

    public async Task<string> ScreenAsync() => (await RunAsync("capture-pane", "-t", "t", "-p", "-S", "-200")).Ok().Stdout;

    public async Task ClearAsync()
    {
        await TypeAsync("clear");
        await KeysAsync("C-l");
        (await RunAsync("clear-history", "-t", "t")).Ok();
    }

    /// <summary>Waits until the screen shows <paramref name="text"/> (the number of times given); capture-pane drops trailing spaces.</summary>
    public async Task<string> WaitForAsync(string text, int occurrences = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var screen = await ScreenAsync();
            if (Count(screen, text) >= occurrences)
            {
                return screen;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"terminal never showed '{text}' ({occurrences}x); it shows:\n{screen}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the local shell's prompt is back (the client has exited) before typing at it.</summary>
    public async Task WaitForPromptAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var screen = await ScreenAsync();
            var last = screen.Split('\n').Select(l => l.TrimEnd()).LastOrDefault(l => l.Length > 0);
            if (last is not null && last.EndsWith(Prompt, StringComparison.Ordinal))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the shell prompt did not come back; the terminal shows:\n{screen}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits until a client has put the terminal in raw mode, which the docker CLI does once its attach
    /// connection stands: keys typed before that would reach the local line discipline, not the container.
    /// </summary>
    public async Task WaitForRawModeAsync(TimeSpan? timeout = null)
    {
        var tty = (await RunAsync("display-message", "-p", "-t", "t", "#{pane_tty}")).Ok().Stdout.Trim();
        var stty = new Cli("stty", new Dictionary<string, string>());
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!(await stty.RunAsync("-a", "-F", tty)).Ok().Stdout.Contains("-icanon", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the client never put {tty} in raw mode; the terminal shows:\n{await ScreenAsync()}");
            }

            await Task.Delay(50);
        }
    }

    private const string Prompt = "tty-ready>";

    private static int Count(string haystack, string needle)
    {
        var count = 0;
        for (var i = haystack.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = haystack.IndexOf(needle, i + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    public async ValueTask DisposeAsync() => await RunAsync("kill-server");
}
