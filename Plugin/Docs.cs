using System.Reflection;
using System.Xml.Linq;

namespace Ipfs.Plugin;

/// <summary>Doc-comment summaries by type or property, as plain text (<c>see cref</c> becomes the member's name).</summary>
internal sealed class Docs(XDocument document)
{
    private readonly Dictionary<string, XElement> _members = document.Descendants("member")
        .ToDictionary(m => (string)m.Attribute("name")!, StringComparer.Ordinal);

    public string? Summary(Type type) => Text($"T:{type.FullName}");

    public string? Summary(PropertyInfo property) => Text($"P:{property.DeclaringType!.FullName}.{property.Name}");

    private string? Text(string id) =>
        _members.TryGetValue(id, out var member) && member.Element("summary") is { } summary
            ? string.Join(' ', string.Concat(summary.Nodes().Select(Plain)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            : null;

    private static string Plain(XNode node) => node switch
    {
        XText text => text.Value,
        XElement { Name.LocalName: "see" or "seealso" } see =>
            ((string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? "").Split('(')[0].Split(':', '.').Last(),
        XElement { Name.LocalName: "paramref" or "typeparamref" } reference => (string?)reference.Attribute("name") ?? "",
        XElement element => string.Concat(element.Nodes().Select(Plain)),
        _ => "",
    };
}
