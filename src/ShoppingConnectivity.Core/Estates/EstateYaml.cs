using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ShoppingConnectivity.Core.Estates;

/// <summary>
/// Estate YAML through YamlDotNet's parser and emitter only, with the document mapped by hand: YamlDotNet's object
/// mapper works by reflection, which a Native AOT agent (preflight reads the estate) does not have. Reads what the
/// mapper read (camelCase keys, unknown keys refused, yes/no/on/off booleans, 0x/0o/0b and 1_000 numbers, anchors),
/// and every error names the field's path and its line.
/// </summary>
internal static class EstateYaml
{
    private const string CoreSchema = "tag:yaml.org,2002:";

    private static readonly string[] EstateKeys = ["name", "switches", "ports", "rpcDynamicPorts", "hosts"];
    private static readonly string[] HostKeys = ["name", "address", "roles", "ports", "rpcDynamicPorts"];

    /// <summary>The document, or null for an empty file (no document, or a null one).</summary>
    public static EstateDocument? Read(string text)
    {
        var root = new Loader(text).Load();
        return root is null || IsNull(root) ? null : Estate(root);
    }

    /// <summary>Block-style YAML that <see cref="Read"/> (and any YAML reader) reads back to the same document.</summary>
    public static string Write(EstateDocument document)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(text);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new MappingStart());
        Text(emitter, "name", document.Name);
        Map(emitter, "switches", document.Switches, v => v ? "true" : "false");
        Map(emitter, "ports", document.Ports, v => v.ToString(CultureInfo.InvariantCulture));
        Text(emitter, "rpcDynamicPorts", document.RpcDynamicPorts);
        if (document.Hosts is { } hosts)
        {
            emitter.Emit(new Scalar("hosts"));
            emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));
            foreach (var host in hosts)
            {
                if (host is null)
                {
                    emitter.Emit(new Scalar("null"));
                    continue;
                }

                emitter.Emit(new MappingStart());
                Text(emitter, "name", host.Name);
                Text(emitter, "address", host.Address);
                if (host.Roles is { } roles)
                {
                    emitter.Emit(new Scalar("roles"));
                    emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));
                    foreach (var role in roles) emitter.Emit(role is null ? new Scalar("null") : TextScalar(role));
                    emitter.Emit(new SequenceEnd());
                }

                Map(emitter, "ports", host.Ports, v => v.ToString(CultureInfo.InvariantCulture));
                Text(emitter, "rpcDynamicPorts", host.RpcDynamicPorts);
                emitter.Emit(new MappingEnd());
            }

            emitter.Emit(new SequenceEnd());
        }

        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Text(IEmitter emitter, string key, string? value)
    {
        if (value is null) return; // nulls are left out, as in the JSON export
        emitter.Emit(new Scalar(key));
        emitter.Emit(TextScalar(value));
    }

    private static void Map<T>(IEmitter emitter, string key, Dictionary<string, T>? values, Func<T, string> format)
    {
        if (values is null) return;
        emitter.Emit(new Scalar(key));
        emitter.Emit(new MappingStart());
        foreach (var (name, value) in values)
        {
            emitter.Emit(TextScalar(name));
            emitter.Emit(new Scalar(format(value)));
        }

        emitter.Emit(new MappingEnd());
    }

    /// <summary>
    /// Text that a YAML reader would take for a null, a boolean or a number when written plain ("null", "yes", "12")
    /// is quoted, so it reads back as the same text; everything else is left to the emitter (plain where it can).
    /// </summary>
    private static Scalar TextScalar(string value) =>
        IsNullText(value) || IsBoolText(value) || LooksNumeric(value)
            ? new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.DoubleQuoted, true, true)
            : new Scalar(value);

    private static bool IsNullText(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    private static bool IsBoolText(string text) => ParseBool(text) is not null;

    private static bool LooksNumeric(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || ParseInt(text, out _) == IntParse.Ok;

    private static bool? ParseBool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "y" or "on" => true,
        "false" or "no" or "n" or "off" => false,
        _ => null,
    };

    private enum IntParse { Ok, NotANumber, TooLarge }

    /// <summary>A whole number as YAML writes it: sign, digits with _ separators, or 0x (hex), 0o (octal), 0b (binary).</summary>
    private static IntParse ParseInt(string text, out int value)
    {
        value = 0;
        var digits = text.Replace("_", "", StringComparison.Ordinal);
        var negative = digits.StartsWith('-');
        if (negative || digits.StartsWith('+')) digits = digits[1..];
        var radix = 10;
        if (digits.Length > 2 && digits[0] == '0' && digits[1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            radix = digits[1] switch { 'x' or 'X' => 16, 'o' or 'O' => 8, _ => 2 };
            digits = digits[2..];
        }

        if (digits.Length == 0) return IntParse.NotANumber;
        long number = 0;
        var tooLarge = false;
        foreach (var c in digits)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => int.MaxValue,
            };
            if (digit >= radix) return IntParse.NotANumber;
            if (tooLarge) continue; // still check that the rest are digits: "99999999999x" is not a number at all
            number = number * radix + digit;
            tooLarge = number > int.MaxValue + 1L;
        }

        number = negative ? -number : number;
        if (tooLarge || number is > int.MaxValue or < int.MinValue) return IntParse.TooLarge;
        value = (int)number;
        return IntParse.Ok;
    }

    private static EstateDocument Estate(Node node)
    {
        var document = new EstateDocument();
        foreach (var (key, value) in Mapping(node, ""))
        {
            switch (key.Value)
            {
                case "name": document.Name = Text(value, "name"); break;
                case "switches": document.Switches = Dictionary(value, "switches", Bool); break;
                case "ports": document.Ports = Dictionary(value, "ports", Int); break;
                case "rpcDynamicPorts": document.RpcDynamicPorts = Text(value, "rpcDynamicPorts"); break;
                case "hosts": document.Hosts = List(value, "hosts", Host); break;
                default: throw UnknownKey(key, "", EstateKeys);
            }
        }

        return document;
    }

    private static EstateHostDocument? Host(Node node, string path)
    {
        if (IsNull(node)) return null;
        var host = new EstateHostDocument();
        foreach (var (key, value) in Mapping(node, path))
        {
            switch (key.Value)
            {
                case "name": host.Name = Text(value, path + ".name"); break;
                case "address": host.Address = Text(value, path + ".address"); break;
                case "roles": host.Roles = List(value, path + ".roles", Text); break;
                case "ports": host.Ports = Dictionary(value, path + ".ports", Int); break;
                case "rpcDynamicPorts": host.RpcDynamicPorts = Text(value, path + ".rpcDynamicPorts"); break;
                default: throw UnknownKey(key, path, HostKeys);
            }
        }

        return host;
    }

    private static string? Text(Node node, string path) => node switch
    {
        _ when IsNull(node) => null,
        ScalarNode scalar => scalar.Value,
        _ => throw Error(node, path, $"expected text, found {Describe(node)}."),
    };

    private static bool Bool(Node node, string path) => node switch
    {
        _ when IsNull(node) => false,
        ScalarNode scalar => ParseBool(scalar.Value) ?? throw Error(node, path, $"'{scalar.Value}' is not true or false."),
        _ => throw Error(node, path, $"expected true or false, found {Describe(node)}."),
    };

    private static int Int(Node node, string path)
    {
        if (IsNull(node)) return 0; // 0, which validation reports as outside 1-65535 (as the JSON reader does)
        if (node is not ScalarNode scalar) throw Error(node, path, $"expected a whole number, found {Describe(node)}.");
        return ParseInt(scalar.Value, out var value) switch
        {
            IntParse.Ok => value,
            IntParse.TooLarge => throw Error(node, path, $"'{scalar.Value}' is too large a number."),
            _ => throw Error(node, path, $"'{scalar.Value}' is not a whole number."),
        };
    }

    private static List<T>? List<T>(Node node, string path, Func<Node, string, T> item)
    {
        if (IsNull(node)) return null;
        if (node is not SequenceNode sequence) throw Error(node, path, $"expected a list ([a, b] or lines starting '- '), found {Describe(node)}.");
        var list = new List<T>(sequence.Items.Count);
        for (var i = 0; i < sequence.Items.Count; i++) list.Add(item(sequence.Items[i], $"{path}[{i}]"));
        return list;
    }

    private static Dictionary<string, T>? Dictionary<T>(Node node, string path, Func<Node, string, T> value)
    {
        if (IsNull(node)) return null;
        var dictionary = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (key, item) in Mapping(node, path))
        {
            dictionary[key.Value] = value(item, $"{path}.{key.Value}"); // a repeated key: the last one counts, as in JSON
        }

        return dictionary;
    }

    private static IEnumerable<(ScalarNode Key, Node Value)> Mapping(Node node, string path)
    {
        if (node is not MappingNode mapping)
            throw Error(node, path, path.Length == 0
                ? $"an estate is key: value pairs (name, switches, ports, rpcDynamicPorts, hosts), found {Describe(node)}."
                : $"expected key: value pairs, found {Describe(node)}.");
        foreach (var (key, value) in mapping.Pairs)
        {
            yield return key is ScalarNode scalar && !IsNull(scalar)
                ? (scalar, value)
                : throw Error(key, path, $"a key must be a name, found {Describe(key)}.");
        }
    }

    private static YamlException UnknownKey(ScalarNode key, string path, string[] known) =>
        Error(key, path, $"unknown key '{key.Value}' (known: {string.Join(", ", known)}).");

    private static YamlException Error(Node node, string path, string message) =>
        new(node.Start, node.End, path.Length == 0 ? message : $"{path}: {message}");

    private static string Describe(Node node) => node switch
    {
        ScalarNode scalar when IsNull(scalar) => "nothing",
        ScalarNode scalar => $"'{scalar.Value}'",
        SequenceNode => "a list",
        _ => "key: value pairs",
    };

    private static bool IsNull(Node node) =>
        node is ScalarNode scalar && (scalar.Tag == CoreSchema + "null" || (scalar.Plain && IsNullText(scalar.Value)));

    private abstract record Node(Mark Start, Mark End);

    private sealed record ScalarNode(string Value, bool Plain, string? Tag, Mark Start, Mark End) : Node(Start, End);

    private sealed record SequenceNode(List<Node> Items, Mark Start, Mark End) : Node(Start, End);

    private sealed record MappingNode(List<(Node Key, Node Value)> Pairs, Mark Start, Mark End) : Node(Start, End);

    /// <summary>Builds the node tree of the one document from the parser's events, resolving anchors and aliases.</summary>
    private sealed class Loader(string text)
    {
        private readonly Parser _parser = new(new StringReader(text));
        private readonly Dictionary<string, Node> _anchors = new(StringComparer.Ordinal);
        private readonly Stack<ParsingEvent> _openFlows = new();
        private ParsingEvent? _last;

        public Node? Load()
        {
            Next(); // StreamStart
            if (Next() is StreamEnd) return null;
            var root = Read(Next());
            Next(); // DocumentEnd
            var after = Next();
            return after is StreamEnd
                ? root
                : throw new YamlException(after.Start, after.End, "the file holds a second YAML document ('---'): an estate is one document.");
        }

        private Node Read(ParsingEvent start)
        {
            switch (start)
            {
                case AnchorAlias alias:
                    return _anchors.TryGetValue(alias.Value.Value, out var anchored)
                        ? anchored
                        : throw new YamlException(alias.Start, alias.End, $"*{alias.Value.Value} refers to no anchor &{alias.Value.Value} before it.");
                case Scalar scalar:
                    return Remember(scalar, new ScalarNode(scalar.Value, scalar.Style == ScalarStyle.Plain, Tag(scalar), scalar.Start, scalar.End));
                case SequenceStart sequence:
                {
                    if (sequence.Style == SequenceStyle.Flow) _openFlows.Push(sequence);
                    Tag(sequence);
                    var items = new List<Node>();
                    for (var e = Next(); e is not SequenceEnd; e = Next()) items.Add(Read(e));
                    if (sequence.Style == SequenceStyle.Flow) _openFlows.Pop();
                    return Remember(sequence, new SequenceNode(items, sequence.Start, _last!.End));
                }

                case MappingStart mapping:
                {
                    if (mapping.Style == MappingStyle.Flow) _openFlows.Push(mapping);
                    Tag(mapping);
                    var pairs = new List<(Node, Node)>();
                    for (var e = Next(); e is not MappingEnd; e = Next()) pairs.Add((Read(e), Read(Next())));
                    if (mapping.Style == MappingStyle.Flow) _openFlows.Pop();
                    return Remember(mapping, new MappingNode(pairs, mapping.Start, _last!.End));
                }

                default:
                    throw new YamlException(start.Start, start.End, $"unexpected {start.GetType().Name} in the document.");
            }
        }

        private Node Remember(NodeEvent start, Node node)
        {
            if (!start.Anchor.IsEmpty) _anchors[start.Anchor.Value] = node;
            return node;
        }

        /// <summary>The core schema's tags (!!str, !!int...) are fine, the values are converted by field; others mean nothing here.</summary>
        private static string? Tag(NodeEvent node)
        {
            if (node.Tag.IsEmpty || node.Tag.IsNonSpecific) return null;
            return node.Tag.Value.StartsWith(CoreSchema, StringComparison.Ordinal)
                ? node.Tag.Value
                : throw new YamlException(node.Start, node.End, $"unknown tag '{node.Tag.Value}'.");
        }

        private ParsingEvent Next()
        {
            try
            {
                if (!_parser.MoveNext() || _parser.Current is null)
                    throw new YamlException(_last?.End ?? Mark.Empty, _last?.End ?? Mark.Empty, "the file ends in the middle of the document.");
            }
            catch (InvalidOperationException)
            {
                // YamlDotNet's parser fails without a position on some unclosed flow collections ("roles: [Website"
                // followed by more lines): the open '[' or '{' is what to fix, so that is where the error points.
                var open = _openFlows.Count > 0 ? _openFlows.Peek() : _last;
                var what = open is SequenceStart ? "the list '[' opened here is not closed with ']'" : open is MappingStart ? "the '{' opened here is not closed with '}'" : "the YAML is malformed here";
                throw new YamlException(open?.Start ?? Mark.Empty, open?.End ?? Mark.Empty, what + ".");
            }

            return _last = _parser.Current;
        }
    }
}
