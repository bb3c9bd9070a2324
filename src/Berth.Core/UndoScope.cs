namespace Berth.Core;

/// <summary>
/// Collects compensating actions for a multi-step operation. If the scope is disposed without
/// <see cref="Complete"/>, the actions run in reverse order, so a failed operation leaves nothing behind.
/// </summary>
public sealed class UndoScope : IAsyncDisposable
{
    private readonly Stack<Func<Task>> _undo = new();
    private bool _completed;

    public void Push(Action undo) => _undo.Push(() =>
    {
        undo();
        return Task.CompletedTask;
    });

    public void Push(Func<Task> undo) => _undo.Push(undo);

    public void Complete() => _completed = true;

    public async ValueTask DisposeAsync()
    {
        if (_completed)
        {
            return;
        }

        while (_undo.TryPop(out var undo))
        {
            try
            {
                await undo().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // an undo step must not stop the others
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
