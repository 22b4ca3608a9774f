using System.Threading.Channels;

namespace CloudMesh.Kubernetes.Controller;

/// <summary>
/// The controller's work queue, with client-go's guarantees: a key waiting is queued once however often it is added;
/// a key being processed is never handed to a second worker (added meanwhile, it is processed again afterwards); and
/// each key has its own exponential backoff for retries (<see cref="AddRateLimited"/>), reset by <see cref="Forget"/>.
/// Thread-safe.
/// </summary>
public sealed class WorkQueue<T>
    where T : notnull
{
    private readonly object _gate = new();
    private readonly Channel<T> _ready = Channel.CreateUnbounded<T>();
    private readonly HashSet<T> _dirty = [];
    private readonly HashSet<T> _processing = [];
    private readonly Dictionary<T, int> _failures = [];
    private readonly Dictionary<T, ITimer> _delayed = [];
    private readonly TimeProvider _time;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;

    /// <summary>Creates a queue whose n-th retry of a key waits <paramref name="baseDelay"/>·2ⁿ⁻¹, at most <paramref name="maxDelay"/>.</summary>
    public WorkQueue(TimeSpan baseDelay, TimeSpan maxDelay, TimeProvider? time = null)
    {
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Queues <paramref name="item"/> now (cancelling a pending delayed add).</summary>
    public void Add(T item)
    {
        lock (_gate)
        {
            if (_delayed.Remove(item, out var timer))
            {
                timer.Dispose();
            }

            if (!_dirty.Add(item))
            {
                return;
            }

            if (!_processing.Contains(item))
            {
                _ready.Writer.TryWrite(item);
            }
        }
    }

    /// <summary>Queues <paramref name="item"/> after <paramref name="delay"/> (unless it is added sooner).</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        lock (_gate)
        {
            if (_delayed.Remove(item, out var old))
            {
                old.Dispose();
            }

            _delayed[item] = _time.CreateTimer(_ => Add(item), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Queues <paramref name="item"/> after its next backoff delay; returns that delay.</summary>
    public TimeSpan AddRateLimited(T item)
    {
        TimeSpan delay;
        lock (_gate)
        {
            var failures = _failures.GetValueOrDefault(item);
            _failures[item] = failures + 1;
            var factor = Math.Pow(2, Math.Min(failures, 30));
            delay = TimeSpan.FromTicks((long)Math.Min(_maxDelay.Ticks, _baseDelay.Ticks * factor));
        }

        AddAfter(item, delay);
        return delay;
    }

    /// <summary>How many times <paramref name="item"/> has been retried since it was last forgotten.</summary>
    public int Failures(T item)
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault(item);
        }
    }

    /// <summary>Resets <paramref name="item"/>'s backoff (it succeeded, or no longer exists).</summary>
    public void Forget(T item)
    {
        lock (_gate)
        {
            _failures.Remove(item);
        }
    }

    /// <summary>Waits for the next item and marks it as being processed; call <see cref="Done"/> afterwards.</summary>
    public async ValueTask<T> TakeAsync(CancellationToken ct)
    {
        while (true)
        {
            var item = await _ready.Reader.ReadAsync(ct);
            lock (_gate)
            {
                if (_processing.Contains(item) || !_dirty.Remove(item))
                {
                    continue; // a stale entry: the item is already being processed, or was taken before
                }

                _processing.Add(item);
                return item;
            }
        }
    }

    /// <summary>Ends processing of <paramref name="item"/>; if it was added meanwhile it is queued again.</summary>
    public void Done(T item)
    {
        lock (_gate)
        {
            _processing.Remove(item);
            if (_dirty.Contains(item))
            {
                _ready.Writer.TryWrite(item);
            }
        }
    }
}
