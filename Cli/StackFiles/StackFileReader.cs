using Redeploy.Core.Stacks;
using Redeploy.Core.Storage;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Redeploy.Cli.StackFiles;

/// <summary>
/// Reads a stack file (CONTRACT §6), YAML or JSON (JSON is read as YAML, which it is), through YamlDotNet's node model
/// so that every error names the line. Reports every error it finds, not only the first.
/// </summary>
public sealed class StackFileReader
{
    private static readonly string[] RootFields = ["stacks"];
    private static readonly string[] StackFields = ["name", "kind", "secret", "services", "git", "deployer"];
    private static readonly string[] DeployerKinds = ["webhook"];
    private static readonly string[] WebhookFields = ["url", "secret"];
    private static readonly string[] ServiceFields = ["name", "git", "image"];
    private static readonly string[] GitFields = ["repository", "branch"];

    private readonly string file;
    private readonly List<StackFileError> errors = [];

    // Where each field's key is: an error about a field points at its name, not at where its value starts.
    private readonly Dictionary<YamlNode, Mark> keys = new(ReferenceEqualityComparer.Instance);

    private StackFileReader(string file) => this.file = file;

    /// <param name="file">The file's name as the user gave it, used in errors.</param>
    public static StackFileRead Read(string file, TextReader text) => new StackFileReader(file).ReadFile(text);

    public static StackFileRead ReadFile(string path, string? displayName = null)
    {
        using var text = File.OpenText(path);
        return Read(displayName ?? path, text);
    }

    private StackFileRead ReadFile(TextReader text)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(text);
        }
        catch (YamlException e)
        {
            var message = e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
            Error(e.Start, "(syntax)", message);
            return Done([]);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            errors.Add(new StackFileError(file, 1, "stacks", "the file is empty: it needs a list 'stacks'"));
            return Done([]);
        }

        var root = Mapping(yaml.Documents[0].RootNode, "(root)", RootFields);
        if (root is null)
        {
            return Done([]);
        }

        if (Sequence(root, "stacks", "stacks", yaml.Documents[0].RootNode) is not { } list)
        {
            return Done([]);
        }

        var stacks = new List<StackDeclaration>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (ReadStack(list.Children[i], $"stacks[{i}]") is { } stack)
            {
                if (names.TryGetValue(stack.Definition.Name, out var first))
                {
                    errors.Add(new StackFileError(file, stack.Line, $"stacks[{i}].name", $"a stack named '{stack.Definition.Name}' is already declared at line {first}"));
                }
                else
                {
                    names[stack.Definition.Name] = stack.Line;
                    stacks.Add(stack);
                }
            }
        }

        return Done(stacks);
    }

    private StackDeclaration? ReadStack(YamlNode node, string field)
    {
        var fields = Mapping(node, field, StackFields);
        if (fields is null)
        {
            return null;
        }

        var name = Name(fields, field, node);
        var kind = Kind(fields, field, node);
        var secret = Scalar(fields, "secret", field, node, required: false) is { } secretText
            ? SecretReference.Parse(secretText, (int)At(fields["secret"]).Line, $"{field}.secret")
            : null;
        if (secret is { Variable: "" })
        {
            Error(At(fields["secret"]), $"{field}.secret", "env: needs a variable name, as in env:SHOP_WEBHOOK_SECRET");
        }
        else if (secret is { KeyVaultName: { } vaultName } && !SecretReference.IsKeyVaultName(vaultName))
        {
            Error(At(fields["secret"]), $"{field}.secret", "keyvault: needs a Key Vault secret name (letters, digits and dashes), as in keyvault:shop-webhook-secret");
        }

        var services = new List<Service>();
        GitSource? git = null;
        if (kind == StackKind.Docker)
        {
            Forbid(fields, "git", field, "a docker stack takes its repositories from its services: move git into each service");
            if (Sequence(fields, "services", $"{field}.services", node) is { } list)
            {
                services = ReadServices(list, $"{field}.services");
            }
        }
        else if (kind == StackKind.Classic)
        {
            Forbid(fields, "services", field, "a classic stack deploys as one unit: it has git, not services");
            git = Git(fields, field, node);
        }

        var deployer = fields.TryGetValue("deployer", out var deployerNode) ? Deployer(deployerNode, $"{field}.deployer") : null;
        return name is null || kind is null ? null : new StackDeclaration(new Stack(name, kind.Value, services, git), secret, Line(node)) { Deployer = deployer };
    }

    /// <summary><c>deployer: queue</c>, or a mapping with one key: <c>webhook: {url, secret: env:NAME}</c> (CONTRACT §7).</summary>
    private DeployerDeclaration? Deployer(YamlNode node, string field)
    {
        const string expected = "queue, or webhook: { url: URL, secret: env:NAME }";
        if (node is YamlScalarNode scalar)
        {
            if (scalar.Value == Core.Stacks.QueueTarget.KindName)
            {
                return new DeployerDeclaration(Core.Stacks.QueueTarget.KindName);
            }

            Error(At(node), field, $"'{scalar.Value}' is not a deployer: {expected}");
            return null;
        }

        var kinds = Mapping(node, field, DeployerKinds);
        if (kinds is null)
        {
            return null;
        }

        if (kinds.Count != 1 || !kinds.TryGetValue("webhook", out var webhookNode))
        {
            Error(At(node), field, $"expected one deployer: {expected}");
            return null;
        }

        var path = $"{field}.webhook";
        var webhook = Mapping(webhookNode, path, WebhookFields);
        if (webhook is null)
        {
            return null;
        }

        var url = Scalar(webhook, "url", path, webhookNode, required: true);
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            Error(At(webhook["url"]), $"{path}.url", $"'{url}' is not an absolute http or https URL");
            url = null;
        }

        var secretText = Scalar(webhook, "secret", path, webhookNode, required: true);
        var secret = secretText is null ? null : SecretReference.Parse(secretText, (int)At(webhook["secret"]).Line, $"{path}.secret");
        if (secret is { Variable: "" })
        {
            Error(At(webhook["secret"]), $"{path}.secret", "env: needs a variable name, as in env:DEPLOYER_SECRET");
        }

        return url is null || secret is null ? null : new DeployerDeclaration(Core.Stacks.WebhookTarget.KindName, url, secret);
    }

    private List<Service> ReadServices(YamlSequenceNode list, string field)
    {
        var services = new List<Service>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var node = list.Children[i];
            var path = $"{field}[{i}]";
            var fields = Mapping(node, path, ServiceFields);
            if (fields is null)
            {
                continue;
            }

            var name = Name(fields, path, node);
            var hasGit = fields.ContainsKey("git");
            var hasImage = fields.ContainsKey("image");
            if (hasGit == hasImage)
            {
                Error(node.Start, path, hasGit
                    ? "a service has either git or image, not both"
                    : "a service needs git (repository and branch) or image");
            }

            var git = hasGit ? Git(fields, path, node) : null;
            var image = hasImage ? Scalar(fields, "image", path, node, required: true) : null;
            if (name is null)
            {
                continue;
            }

            if (names.TryGetValue(name, out var first))
            {
                Error(fields["name"].Start, $"{path}.name", $"a service named '{name}' is already declared at line {first}");
                continue;
            }

            names[name] = Line(node);
            if (git is not null || image is not null)
            {
                services.Add(new Service(name, git, image));
            }
        }

        return services;
    }

    private GitSource? Git(Dictionary<string, YamlNode> parent, string field, YamlNode parentNode)
    {
        if (!parent.TryGetValue("git", out var node))
        {
            Error(At(parentNode), $"{field}.git", "required: { repository: URL, branch: NAME }");
            return null;
        }

        var fields = Mapping(node, $"{field}.git", GitFields);
        if (fields is null)
        {
            return null;
        }

        var repository = Scalar(fields, "repository", $"{field}.git", node, required: true);
        var branch = Scalar(fields, "branch", $"{field}.git", node, required: true);
        return repository is null || branch is null ? null : new GitSource(repository, branch);
    }

    private string? Name(Dictionary<string, YamlNode> fields, string field, YamlNode parent)
    {
        var name = Scalar(fields, "name", field, parent, required: true);
        if (name is not null && (!TableStackStore.IsStorableName(name) || name != name.Trim()))
        {
            Error(fields["name"].Start, $"{field}.name", $"'{name}' cannot be a name: no '/', '\\', '#', '?', control characters or surrounding spaces, at most 200 characters");
            return null;
        }

        return name;
    }

    private StackKind? Kind(Dictionary<string, YamlNode> fields, string field, YamlNode parent)
    {
        var kind = Scalar(fields, "kind", field, parent, required: true);
        switch (kind?.ToLowerInvariant())
        {
            case null:
                return null;
            case "docker":
                return StackKind.Docker;
            case "classic":
                return StackKind.Classic;
            default:
                Error(fields["kind"].Start, $"{field}.kind", $"'{kind}' is not a kind: docker or classic");
                return null;
        }
    }

    private void Forbid(Dictionary<string, YamlNode> fields, string key, string field, string message)
    {
        if (fields.TryGetValue(key, out var node))
        {
            Error(At(node), $"{field}.{key}", message);
        }
    }

    /// <summary>The fields of a mapping by name; an error for a node that is not a mapping and for each unknown field.</summary>
    private Dictionary<string, YamlNode>? Mapping(YamlNode node, string field, string[] known)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(At(node), field, $"expected a mapping with {string.Join(", ", known)}");
            return null;
        }

        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                Error(key.Start, field == "(root)" ? name : $"{field}.{name}", $"unknown field (known: {string.Join(", ", known)})");
                continue;
            }

            fields[name] = value;
            keys[value] = key.Start;
        }

        return fields;
    }

    private YamlSequenceNode? Sequence(Dictionary<string, YamlNode> fields, string key, string field, YamlNode parent)
    {
        if (!fields.TryGetValue(key, out var node) || node is YamlScalarNode { Value: null or "" })
        {
            Error(At(parent), field, "required: a list");
            return null;
        }

        if (node is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            Error(At(node), field, node is YamlSequenceNode ? "the list is empty" : "expected a list");
            return null;
        }

        return list;
    }

    private string? Scalar(Dictionary<string, YamlNode> fields, string key, string field, YamlNode parent, bool required)
    {
        if (!fields.TryGetValue(key, out var node) || node is YamlScalarNode { Value: null or "" })
        {
            if (required)
            {
                Error(At(node ?? parent), $"{field}.{key}", "required");
            }

            return null;
        }

        if (node is not YamlScalarNode { Value: { } value })
        {
            Error(At(node), $"{field}.{key}", "expected a single value, not a list or a mapping");
            return null;
        }

        return value;
    }

    private void Error(Mark at, string field, string message) => errors.Add(new StackFileError(file, (int)at.Line, field, message));

    private Mark At(YamlNode value) => keys.TryGetValue(value, out var key) ? key : value.Start;

    private static int Line(YamlNode node) => (int)node.Start.Line;

    private StackFileRead Done(IReadOnlyList<StackDeclaration> stacks) => new(file, errors.Count == 0 ? stacks : [], errors);
}
