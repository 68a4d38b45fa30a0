using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;

namespace Redeploy.Benchmarks.Load;

/// <summary>
/// The load host's runtime as the load script reads it around a run (dotnet-counters is not at hand): collections by
/// generation, total GC pause, heap and process memory, the GC's committed memory and large and pinned object heaps
/// after a collection (where pooled bodies and Kestrel's buffers live), the thread pool's threads and queued work (the
/// highest seen in 100 ms samples since the file was last reset), lock contentions. Written to a file twice a second; the highest
/// queue length and thread count are reset by deleting the file.
/// </summary>
public sealed class RuntimeSampler : IDisposable
{
    private readonly string path;
    private readonly Timer sampler;
    private readonly Lock gate = new();
    private long samples;
    private long maxQueued;
    private int maxThreads;
    private long maxCommitted;
    private long maxLoh;
    private long maxPoh;
    private long lastWrite = Stopwatch.GetTimestamp();

    private RuntimeSampler(string path)
    {
        this.path = path;
        sampler = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    public static RuntimeSampler Start(string path) => new(path);

    public void Dispose()
    {
        sampler.Dispose();
        lock (gate)
        {
            Write();
        }
    }

    private void Sample()
    {
        lock (gate)
        {
            if (!File.Exists(path) && samples > 0)
            {
                // The script deleted the file: a new run starts, and so do its highest values.
                maxQueued = 0;
                maxThreads = 0;
                maxCommitted = maxLoh = maxPoh = 0;
            }

            samples++;
            maxQueued = Math.Max(maxQueued, ThreadPool.PendingWorkItemCount);
            maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount);
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            maxCommitted = Math.Max(maxCommitted, info.TotalCommittedBytes);
            maxLoh = Math.Max(maxLoh, info.GenerationInfo[3].SizeAfterBytes);
            maxPoh = Math.Max(maxPoh, info.GenerationInfo[4].SizeAfterBytes);
            if (Stopwatch.GetElapsedTime(lastWrite) >= TimeSpan.FromMilliseconds(500) || !File.Exists(path))
            {
                lastWrite = Stopwatch.GetTimestamp();
                Write();
            }
        }
    }

    private void Write()
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var text = new StringBuilder();
        void Line(string key, object value) => text.Append(CultureInfo.InvariantCulture, $"{key}={value}\n");
        Line("GC_SERVER", GCSettings.IsServerGC);
        Line("GC_LATENCY_MODE", GCSettings.LatencyMode);
        Line("GC_GEN0", GC.CollectionCount(0));
        Line("GC_GEN1", GC.CollectionCount(1));
        Line("GC_GEN2", GC.CollectionCount(2));
        Line("GC_PAUSE_MS", (long)GC.GetTotalPauseDuration().TotalMilliseconds);
        Line("GC_LAST_PAUSE_MS", info.PauseDurations.Length > 0 ? (long)info.PauseDurations[0].TotalMilliseconds : 0);
        Line("GC_HEAP_MB", GC.GetTotalMemory(false) / (1024 * 1024));
        Line("GC_COMMITTED_MB", info.TotalCommittedBytes / (1024 * 1024));
        Line("GC_COMMITTED_MAX_MB", maxCommitted / (1024 * 1024));
        Line("GC_LOH_MAX_MB", maxLoh / (1024 * 1024));
        Line("GC_POH_MAX_MB", maxPoh / (1024 * 1024));
        Line("ALLOCATED_MB", GC.GetTotalAllocatedBytes() / (1024 * 1024));
        Line("WORKING_SET_MB", Environment.WorkingSet / (1024 * 1024));
        Line("THREADPOOL_THREADS", ThreadPool.ThreadCount);
        Line("THREADPOOL_THREADS_MAX", maxThreads);
        Line("THREADPOOL_QUEUED_MAX", maxQueued);
        Line("THREADPOOL_COMPLETED", ThreadPool.CompletedWorkItemCount);
        Line("LOCK_CONTENTIONS", Monitor.LockContentionCount);
        try
        {
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, text.ToString());
            File.Move(temporary, path, overwrite: true);
        }
        catch (IOException)
        {
            // Written again on the next sample; an exception on a timer thread would end the host.
        }
    }
}
