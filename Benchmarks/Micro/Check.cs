namespace Redeploy.Benchmarks.Micro;

/// <summary>Set-up checks: a benchmark of code that gives the wrong answer measures nothing.</summary>
public static class Check
{
    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new InvalidOperationException($"{what}: expected {expected}, got {actual}");
        }
    }

    public static T Is<T>(object value, string what) =>
        value is T typed ? typed : throw new InvalidOperationException($"{what}: expected {typeof(T).Name}, got {value}");
}
