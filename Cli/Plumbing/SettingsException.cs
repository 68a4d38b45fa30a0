namespace Redeploy.Cli.Plumbing;

/// <summary>Settings that cannot be used: a bad Redeploy__ value, an unreadable AzureWebJobsStorage or --connection.</summary>
public sealed class SettingsException(string message, Exception? inner = null) : Exception(message, inner);
