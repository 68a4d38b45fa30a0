using SharpFuzz;

namespace Redeploy.Fuzz;

/// <summary>
/// dotnet Redeploy.Fuzz.dll                 the afl++ target (run by scripts/fuzz.sh: afl-fuzz starts it)
/// dotnet Redeploy.Fuzz.dll replay PATH...  runs files or folders through the targets once, prints what each gave
/// </summary>
public static class FuzzProgram
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "replay")
        {
            return Replay(args.Skip(1));
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            FuzzTargets.Run(copy.ToArray());
        });
        return 0;
    }

    private static int Replay(IEnumerable<string> paths)
    {
        var failed = 0;
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]);
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var input = File.ReadAllBytes(file);
            try
            {
                var read = FuzzTargets.Run(input);
                var said = read.Succeeded ? $"{read.Value.Kind} {read.Value.Pushes.Count} push(es)" : $"{read.Failure.Kind}: {read.Failure.Detail}";
                Console.WriteLine($"{file}\t{FuzzInput.ProfileOf(input)}\t{said}");
            }
            catch (Exception exception)
            {
                failed++;
                Console.WriteLine($"{file}\t{FuzzInput.ProfileOf(input)}\tFINDING {exception.GetType().Name}: {exception.Message}");
            }
        }

        return failed == 0 ? 0 : 1;
    }
}
