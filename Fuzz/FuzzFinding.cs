namespace Redeploy.Fuzz;

/// <summary>A broken promise of the code under test, found by a fuzz input: thrown so that afl++ records it as a crash.</summary>
public sealed class FuzzFinding(string message) : Exception(message);
