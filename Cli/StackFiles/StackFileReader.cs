using Redeploy.Core.Stacks;
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
    private static readonly string[] StackFields = ["name", "kind", "secret", "services", "git", "deployer", "deploy"];
    private static readonly string[] DeployFields = ["on", "checks"];
    private static readonly string[] DeployerKinds = ["webhook", "github-actions"];
    private static readonly string[] GitHubActionsFields = ["repository", "workflow", "ref"];
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
                    errors.Add(new StackFileError(file, stack.Line, $"stacks[{i}].name", StackRules.DuplicateStack(stack.Definition.Name, first)));
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
            Forbid(fields, "git", field, StackRules.DockerWithGit);
            if (Sequence(fields, "services", $"{field}.services", node) is { } list)
            {
                services = ReadServices(list, $"{field}.services");
            }
        }
        else if (kind == StackKind.Classic)
        {
            Forbid(fields, "services", field, StackRules.ClassicWithServices);
            git = Git(fields, field, node);
        }

        var deployer = fields.TryGetValue("deployer", out var deployerNode) ? Deployer(deployerNode, $"{field}.deployer") : null;
        var deploy = fields.TryGetValue("deploy", out var deployNode) ? Deploy(deployNode, $"{field}.deploy") : DeployRule.OnPush;
        return name is null || kind is null || deploy is null
            ? null
            : new StackDeclaration(new Stack(name, kind.Value, services, git) { Deploy = deploy }, secret, Line(node)) { Deployer = deployer };
    }

    /// <summary><c>deploy: { on: push | ci, checks: [names] }</c> (CONTRACT §9); checks only with <c>on: ci</c>.</summary>
    private DeployRule? Deploy(YamlNode node, string field)
    {
        var fields = Mapping(node, field, DeployFields);
        if (fields is null)
        {
            return null;
        }

        var on = Scalar(fields, "on", field, node, required: true);
        DeployOn? mode = on switch
        {
            null => null,
            "push" => DeployOn.Push,
            "ci" => DeployOn.Ci,
            _ => null,
        };
        if (on is not null && mode is null)
        {
            Error(At(fields["on"]), $"{field}.on", $"'{on}' is not a deploy mode: push or ci");
        }

        var checks = fields.TryGetValue("checks", out var checksNode) ? Checks(checksNode, $"{field}.checks") : [];
        if (mode == DeployOn.Push && checks is { Count: > 0 })
        {
            Error(At(checksNode!), $"{field}.checks", "checks apply to on: ci only (a stack on push deploys without waiting for CI)");
            return null;
        }

        return mode is null || checks is null ? null : mode == DeployOn.Push ? DeployRule.OnPush : DeployRule.OnCi(checks);
    }

    /// <summary>A list of distinct check names (workflow, status context, pipeline, build definition), as CI events name them.</summary>
    private List<string>? Checks(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        if (node is not YamlSequenceNode list)
        {
            Error(At(node), field, "expected a list of check names, as in [build, e2e]");
            return null;
        }

        var checks = new List<string>();
        var valid = true;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var item = list.Children[i];
            if (item is not YamlScalarNode { Value: { Length: > 0 } name } || name.Length > DeployRule.MaxCheckNameLength || name != name.Trim())
            {
                Error(item.Start, $"{field}[{i}]", $"a check is a name of 1 to {DeployRule.MaxCheckNameLength} characters without surrounding spaces");
                valid = false;
            }
            else if (checks.Contains(name, StringComparer.Ordinal))
            {
                Error(item.Start, $"{field}[{i}]", $"the check '{name}' is listed twice");
                valid = false;
            }
            else
            {
                checks.Add(name);
            }
        }

        if (checks.Count > DeployRule.MaxChecks)
        {
            Error(At(node), field, $"at most {DeployRule.MaxChecks} checks");
            valid = false;
        }

        return valid ? checks : null;
    }

    /// <summary><c>deployer: queue</c>, or a mapping with one key: <c>webhook: {url, secret: env:NAME}</c> (CONTRACT §7).</summary>
    private DeployerDeclaration? Deployer(YamlNode node, string field)
    {
        const string expected = "queue, webhook: { url: URL, secret: env:NAME } or github-actions: { repository: owner/name, workflow: deploy.yml, ref: main }";
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

        if (kinds.Count == 1 && kinds.TryGetValue(Core.Stacks.GitHubActionsTarget.KindName, out var actionsNode))
        {
            return GitHubActions(actionsNode, $"{field}.{Core.Stacks.GitHubActionsTarget.KindName}");
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

    /// <summary><c>github-actions: {repository: owner/name, workflow: FILE-OR-ID, ref: BRANCH-OR-TAG}</c>, all three required.</summary>
    private DeployerDeclaration? GitHubActions(YamlNode node, string path)
    {
        var fields = Mapping(node, path, GitHubActionsFields);
        if (fields is null)
        {
            return null;
        }

        var repository = Scalar(fields, "repository", path, node, required: true);
        if (repository is not null && !Core.Stacks.GitHubActionsTarget.IsRepository(repository))
        {
            Error(At(fields["repository"]), $"{path}.repository", $"'{repository}' is not a GitHub repository: owner/name");
            repository = null;
        }

        var workflow = Scalar(fields, "workflow", path, node, required: true);
        if (workflow is not null && !Core.Stacks.GitHubActionsTarget.IsWorkflow(workflow))
        {
            Error(At(fields["workflow"]), $"{path}.workflow", $"'{workflow}' is not a workflow: its file name (deploy.yml) or its id");
            workflow = null;
        }

        var @ref = Scalar(fields, "ref", path, node, required: true);
        if (@ref is not null && !Core.Stacks.GitHubActionsTarget.IsRef(@ref))
        {
            Error(At(fields["ref"]), $"{path}.ref", $"'{@ref}' is not a branch or tag name");
            @ref = null;
        }

        return repository is null || workflow is null || @ref is null
            ? null
            : new DeployerDeclaration(
                Core.Stacks.GitHubActionsTarget.KindName, Target: new Core.Stacks.GitHubActionsTarget(repository, workflow, @ref));
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
            if (StackRules.ServiceSourceError(hasGit, hasImage) is { } sourceError)
            {
                Error(node.Start, path, sourceError);
            }

            var git = hasGit ? Git(fields, path, node) : null;
            var image = hasImage ? Scalar(fields, "image", path, node, required: true) : null;
            if (name is null)
            {
                continue;
            }

            if (names.TryGetValue(name, out var first))
            {
                Error(fields["name"].Start, $"{path}.name", StackRules.DuplicateService(name, first));
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
        if (name is not null && StackRules.NameError(name) is { } error)
        {
            Error(fields["name"].Start, $"{field}.name", error);
            return null;
        }

        return name;
    }

    private StackKind? Kind(Dictionary<string, YamlNode> fields, string field, YamlNode parent)
    {
        var kind = Scalar(fields, "kind", field, parent, required: true);
        if (kind is null)
        {
            return null;
        }

        var parsed = StackRules.ParseKind(kind);
        if (parsed is null)
        {
            Error(fields["kind"].Start, $"{field}.kind", StackRules.KindError(kind));
        }

        return parsed;
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
