namespace Berth.IntegrationTests.Support;

/// <summary>
/// Records what Docker.DotNet reports, on the reporting thread and so in stream order, complete when the call
/// returns. (<see cref="Progress{T}"/> posts each report to the thread pool: close reports can swap places,
/// run concurrently, or land after the call has returned.)
/// </summary>
public sealed class Reports<T> : IProgress<T>
{
    private readonly List<T> _items = [];

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_items)
            {
                return [.. _items];
            }
        }
    }

    public void Report(T value)
    {
        lock (_items)
        {
            _items.Add(value);
        }
    }
}
