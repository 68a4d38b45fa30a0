using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Redeploy.Benchmarks.Load;

/// <summary>
/// Counts every HTTP request this process sends to storage (the load run's host: the intake, the processor, the WebJobs
/// queue trigger's polling and leases, retries included), from .NET's own HttpClient diagnostics, so nothing in Core is
/// changed to be measured. Each call is keyed by side (<c>intake</c>: inside a Kestrel request; <c>queue-side</c>:
/// everything else), service (by the storage endpoint's port), method and resource (table or queue name, entity or messages).
/// The counts are written to a file twice a second, so the load script can take the difference around a run.
/// </summary>
public sealed class StorageCallCounter : IObserver<DiagnosticListener>, IDisposable
{
    private const string AspNetCoreRequest = "Microsoft.AspNetCore.Hosting.HttpRequestIn";
    private const string HttpClientRequest = "System.Net.Http.Request";

    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> services;
    private readonly string path;
    private readonly List<IDisposable> subscriptions = [];
    private readonly Lock writing = new();
    private readonly IDisposable all;
    private readonly Timer writer;
    private PropertyInfo? requestProperty;

    private StorageCallCounter(Dictionary<int, string> services, string path)
    {
        this.services = services;
        this.path = path;
        all = DiagnosticListener.AllListeners.Subscribe(this);
        writer = new Timer(_ => Write(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
    }

    /// <summary>Starts counting the calls to the endpoints of <paramref name="connectionString"/>, written to <paramref name="path"/>.</summary>
    public static StorageCallCounter Start(string connectionString, string path)
    {
        var services = new Dictionary<int, string>();
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length == 2 && pair[0].EndsWith("Endpoint", StringComparison.Ordinal) && Uri.TryCreate(pair[1], UriKind.Absolute, out var uri))
            {
                services[uri.Port] = pair[0][..^"Endpoint".Length].ToLowerInvariant();
            }
        }

        return new StorageCallCounter(services, path);
    }

    public void OnNext(DiagnosticListener listener)
    {
        lock (subscriptions)
        {
            if (listener.Name == "HttpHandlerDiagnosticListener")
            {
                subscriptions.Add(listener.Subscribe(new Observer(OnHttpEvent), static (name, _, _) => name == HttpClientRequest));
            }
            else if (listener.Name == "Microsoft.AspNetCore")
            {
                // Only so that each Kestrel request runs under an Activity (no events wanted): calls made under it are the intake's.
                subscriptions.Add(listener.Subscribe(new Observer(static _ => { }), static (name, _, _) => name == AspNetCoreRequest));
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        writer.Dispose();
        all.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }

        Write();
    }

    private void OnHttpEvent(KeyValuePair<string, object?> pair)
    {
        if (pair.Key != HttpClientRequest || pair.Value is null)
        {
            return;
        }

        requestProperty ??= pair.Value.GetType().GetProperty("Request");
        if (requestProperty?.GetValue(pair.Value) is not HttpRequestMessage { RequestUri: { } uri } request
            || !services.TryGetValue(uri.Port, out var service))
        {
            return;
        }

        var side = InKestrelRequest() ? "intake" : "queue-side";
        counts.AddOrUpdate($"{side} {service} {request.Method.Method} {Resource(service, uri)}", 1, static (_, n) => n + 1);
    }

    private static bool InKestrelRequest()
    {
        for (var activity = Activity.Current; activity is not null; activity = activity.Parent)
        {
            if (activity.OperationName == AspNetCoreRequest)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"requests(entity)", "requests(query)", "redeploy-requests/messages", "$batch": no keys or ids, so the kinds stay few.</summary>
    private static string Resource(string service, Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            return uri.Query.Contains("comp=list", StringComparison.Ordinal) ? "(list)" : "(account)";
        }

        var name = segments[1];
        if (service == "table")
        {
            var paren = name.IndexOf('(', StringComparison.Ordinal);
            return paren < 0 ? name : name[..paren] + (name.EndsWith("()", StringComparison.Ordinal) ? "(query)" : "(entity)");
        }

        return segments.Length > 2 ? $"{name}/{segments[2]}" : name;
    }

    private void Write()
    {
        var text = new StringBuilder();
        long total = 0, intake = 0, polls = 0;
        foreach (var (key, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            total += count;
            intake += key.StartsWith("intake ", StringComparison.Ordinal) ? count : 0;
            polls += key.StartsWith("queue-side queue GET ", StringComparison.Ordinal) && key.EndsWith("/messages", StringComparison.Ordinal) ? count : 0;
            text.Append(CultureInfo.InvariantCulture, $"CALLS {key}={count}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"STORAGE_CALLS={total}\nSTORAGE_CALLS_INTAKE={intake}\n");
        text.Append(CultureInfo.InvariantCulture, $"STORAGE_CALLS_QUEUE_SIDE={total - intake}\nSTORAGE_CALLS_POLLS={polls}\n");
        // Timer callbacks can overlap on a starved machine, and an exception here would end the host: one writer at a time.
        lock (writing)
        {
            try
            {
                var temporary = path + ".tmp";
                File.WriteAllText(temporary, text.ToString());
                File.Move(temporary, path, overwrite: true);
            }
            catch (IOException)
            {
                // The next tick writes again.
            }
        }
    }

    private sealed class Observer(Action<KeyValuePair<string, object?>> onNext) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value) => onNext(value);

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
