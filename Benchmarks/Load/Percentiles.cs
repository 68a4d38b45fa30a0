namespace Redeploy.Benchmarks.Load;

/// <summary>Nearest-rank percentiles of sorted samples, as the load drivers print them.</summary>
public static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, int percent) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
