namespace Redeploy.Core.Readers;

/// <summary>Where one property of a payload's root object is: its name with the quotes, and its value.</summary>
internal readonly record struct RootProperty(int NameStart, int NameEnd, int ValueStart, int ValueEnd);
