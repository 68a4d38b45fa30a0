namespace Redeploy.Benchmarks.Soak;

public enum ProxyMode
{
    Pass,
    Delay,
    Reset,
}
