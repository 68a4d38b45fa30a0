namespace Redeploy.Core.Hooks;

/// <summary>
/// One finished CI check as a CI event reports it (CONTRACT §9): the check's name (workflow name, app slug, status
/// context, "pipeline", commit status key, build definition name), whether it succeeded, and the sender's own word for
/// the outcome (success, failure, cancelled, timed_out, failed, canceled, SUCCESSFUL, FAILED, STOPPED, ...).
/// </summary>
public sealed record CiCheck(string Name, bool Succeeded, string Conclusion);
