using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Redeploy.Core;

namespace Redeploy.Tests.Architecture;

/// <summary>
/// Core's public surface is what its hosts use (README, "Architecture"): a public Core type is named by Functions, the
/// command line or the fuzz targets, or appears in a public signature of such a type. Everything else is internal (the
/// tests and the benchmarks see internals).
/// </summary>
public sealed class PublicSurfaceTests
{
    private static readonly Assembly Core = typeof(Outcome<>).Assembly;

    // Public for what the metadata does not show: Functions' queue triggers name the constants of the first two (a
    // constant is copied into the IL), and the benchmarks, not built with the tests, return matching's decision.
    private static readonly Type[] Kept = [typeof(QueueNames), typeof(PipelineTimings), typeof(Redeploy.Core.Matching.Decision), typeof(Redeploy.Core.Matching.DeployDecision)];

    [Fact]
    public void PublicCoreTypes_AreUsedByAHostOrExposedByOne()
    {
        var used = Hosts().SelectMany(CoreTypesNamedBy).Select(name => Core.GetType(name)).OfType<Type>().Where(t => t.IsPublic).Concat(Kept).ToHashSet();
        Assert.Contains(typeof(Redeploy.Core.Intake.HookIntake), used); // guards the reader: Functions names the intake

        var exposed = Closure(used);
        var needless = Core.GetExportedTypes().Where(t => !t.IsNested && !exposed.Contains(t)).Select(t => t.FullName).Order(StringComparer.Ordinal).ToList();

        Assert.True(needless.Count == 0, $"Public Core types no host uses (make them internal):\n  {string.Join("\n  ", needless)}");
    }

    private static IEnumerable<string> Hosts() =>
        new[] { "Redeploy.Functions.dll", "redeploy.dll", "Redeploy.Fuzz.dll" }.Select(name => Path.Combine(AppContext.BaseDirectory, name));

    // The top-level Core types an assembly's metadata refers to.
    private static IEnumerable<string> CoreTypesNamedBy(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var names = new List<string>();
        foreach (var handle in reader.TypeReferences)
        {
            var type = reader.GetTypeReference(handle);
            if (type.ResolutionScope.Kind == HandleKind.AssemblyReference
                && reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name) == Core.GetName().Name)
            {
                var ns = reader.GetString(type.Namespace);
                names.Add(ns.Length == 0 ? reader.GetString(type.Name) : $"{ns}.{reader.GetString(type.Name)}");
            }
        }

        return names;
    }

    // The used types and every public Core type their public members, base types and interfaces mention, transitively.
    private static HashSet<Type> Closure(IEnumerable<Type> roots)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(roots);
        while (pending.TryPop(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var mentioned in Mentions(type).SelectMany(Unwrap).Where(t => t.Assembly == Core && t.IsPublic))
            {
                pending.Push(mentioned);
            }
        }

        return seen;
    }

    private static IEnumerable<Type> Mentions(Type type)
    {
        const BindingFlags Visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var outward = type.GetMembers(Visible | BindingFlags.NonPublic).Where(IsOutward);
        foreach (var member in outward)
        {
            switch (member)
            {
                case MethodBase method:
                    foreach (var parameter in method.GetParameters())
                    {
                        yield return parameter.ParameterType;
                    }

                    if (method is MethodInfo info)
                    {
                        yield return info.ReturnType;
                    }

                    break;
                case PropertyInfo property:
                    yield return property.PropertyType;
                    break;
                case FieldInfo field:
                    yield return field.FieldType;
                    break;
                case EventInfo @event when @event.EventHandlerType is { } handler:
                    yield return handler;
                    break;
            }
        }

        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var contract in type.GetInterfaces())
        {
            yield return contract;
        }
    }

    private static bool IsOutward(MemberInfo member) => member switch
    {
        MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(IsOutward),
        EventInfo @event => @event.AddMethod is { } add && IsOutward(add),
        _ => false,
    };

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            return Unwrap(type.GetElementType()!);
        }

        return type.IsGenericType
            ? type.GetGenericArguments().SelectMany(Unwrap).Prepend(type.GetGenericTypeDefinition())
            : [type];
    }
}
