using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ipfs.Manifests.Config;

/// <summary>A node of a YAML document as written: keys stay in order, a key written twice stays twice.</summary>
/// <param name="Line">1-based line where the node starts.</param>
/// <param name="Size">Nodes in this subtree, aliases counted at their full size.</param>
internal abstract record YamlTreeNode(long Line, int Size);

/// <summary>A scalar; <see cref="IsNull"/> for an empty plain scalar or YAML's null words.</summary>
internal sealed record YamlTreeScalar(long Line, string Value, ScalarStyle Style) : YamlTreeNode(Line, 1)
{
    public bool IsNull => Style is ScalarStyle.Plain or ScalarStyle.Any && Value is "" or "~" or "null" or "Null" or "NULL";
}

/// <summary>A sequence.</summary>
internal sealed record YamlTreeList(long Line, int Size, IReadOnlyList<YamlTreeNode> Items) : YamlTreeNode(Line, Size);

/// <summary>A mapping, every entry kept (duplicates included) so a reader can report them all.</summary>
internal sealed record YamlTreeMap(long Line, int Size, IReadOnlyList<KeyValuePair<YamlTreeNode, YamlTreeNode>> Entries) : YamlTreeNode(Line, Size);

/// <summary>YAML that cannot be read, with the position of the actual mistake.</summary>
internal sealed class YamlTreeException(long line, long column, string reason) : Exception(reason)
{
    public long Line { get; } = line;
    public long Column { get; } = column;
}

/// <summary>
/// Loads YAML documents into <see cref="YamlTreeNode"/> trees from YamlDotNet's parser events.
/// Unlike YamlDotNet's representation model it keeps duplicate keys (so every one is reported,
/// not just the first), bounds nesting and alias expansion, and reports a syntax error at the
/// character that caused it (YamlDotNet places some, such as a tab used as indentation, at
/// line 1, column 1).
/// </summary>
internal sealed class YamlTree
{
    /// <summary>Deepest nesting accepted; a stack file needs five levels.</summary>
    public const int MaxDepth = 32;

    /// <summary>Most nodes one document may expand to (aliases included), against alias bombs.</summary>
    public const int MaxNodes = 100_000;

    private readonly Parser _parser;
    private readonly Dictionary<string, YamlTreeNode> _anchors = new(StringComparer.Ordinal);

    private YamlTree(Parser parser) => _parser = parser;

    /// <summary>Every document in <paramref name="text"/> (null for an empty one).</summary>
    /// <exception cref="YamlTreeException">The text is not valid YAML or exceeds the limits.</exception>
    public static IReadOnlyList<YamlTreeNode?> Load(string text)
    {
        var scanner = new Scanner(new StringReader(text), skipComments: true);
        try
        {
            return new YamlTree(new Parser(scanner)).Documents();
        }
        catch (YamlException e)
        {
            var at = e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) || (e.Start.Index == 0 && scanner.CurrentPosition.Index > 0)
                ? scanner.CurrentPosition
                : e.Start;
            throw new YamlTreeException(at.Line, at.Column, e.Message.TrimEnd('.'));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser reports some malformed flow collections (e.g. "[1" followed by
            // more keys) this way instead of with a syntax error.
            throw new YamlTreeException(scanner.CurrentPosition.Line, scanner.CurrentPosition.Column,
                "malformed YAML here (an unclosed [ or { before it?)");
        }
    }

    private List<YamlTreeNode?> Documents()
    {
        var documents = new List<YamlTreeNode?>();
        _parser.Consume<StreamStart>();
        while (!_parser.TryConsume<StreamEnd>(out _))
        {
            _parser.Consume<DocumentStart>();
            _anchors.Clear();
            var root = Node(1);
            documents.Add(root is YamlTreeScalar { IsNull: true } ? null : root);
            _parser.Consume<DocumentEnd>();
        }
        return documents;
    }

    private YamlTreeNode Node(int depth)
    {
        var start = _parser.Current!.Start;
        if (depth > MaxDepth)
            throw new YamlTreeException(start.Line, start.Column, $"nests deeper than {MaxDepth} levels");

        YamlTreeNode node;
        string? anchor = null;
        switch (_parser.Current)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                return _anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target
                    : throw new YamlTreeException(start.Line, start.Column, $"alias *{alias.Value.Value} refers to no anchor defined before it");
            case Scalar scalar:
                _parser.MoveNext();
                anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
                node = new YamlTreeScalar(start.Line, scalar.Value, scalar.Style);
                break;
            case SequenceStart sequence:
                _parser.MoveNext();
                anchor = sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value;
                var items = new List<YamlTreeNode>();
                var size = 1;
                while (!_parser.TryConsume<SequenceEnd>(out _))
                {
                    var item = Node(depth + 1);
                    size = Grow(size, item, start);
                    items.Add(item);
                }
                node = new YamlTreeList(start.Line, size, items);
                break;
            case MappingStart mapping:
                _parser.MoveNext();
                anchor = mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value;
                var entries = new List<KeyValuePair<YamlTreeNode, YamlTreeNode>>();
                var total = 1;
                while (!_parser.TryConsume<MappingEnd>(out _))
                {
                    var key = Node(depth + 1);
                    var value = Node(depth + 1);
                    total = Grow(Grow(total, key, start), value, start);
                    entries.Add(new(key, value));
                }
                node = new YamlTreeMap(start.Line, total, entries);
                break;
            default:
                throw new YamlTreeException(start.Line, start.Column, $"unexpected {_parser.Current!.GetType().Name}");
        }
        if (anchor is not null) _anchors[anchor] = node;
        return node;
    }

    private static int Grow(int size, YamlTreeNode child, Mark start)
    {
        var grown = size + child.Size;
        return grown <= MaxNodes ? grown
            : throw new YamlTreeException(start.Line, start.Column, $"expands to more than {MaxNodes} values (through aliases?)");
    }
}
