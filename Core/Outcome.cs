using System.Diagnostics.CodeAnalysis;

namespace Redeploy.Core;

/// <summary>The result of an operation whose failures are expected: either a value or a <see cref="Failure"/>.</summary>
public readonly struct Outcome<T>
{
    private readonly T? value;

    private Outcome(T? value, Failure? failure)
    {
        this.value = value;
        Failure = failure;
    }

    public Failure? Failure { get; }

    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    public T Value => Failure is null ? value! : throw new InvalidOperationException($"No value: {Failure.Detail}");

    public static Outcome<T> Success(T value) => new(value, null);

    public static Outcome<T> Fail(Failure failure) => new(default, failure);

    public static implicit operator Outcome<T>(Failure failure) => Fail(failure);
}
