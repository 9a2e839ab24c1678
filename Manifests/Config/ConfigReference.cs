using System.Text;

namespace Ipfs.Manifests.Config;

/// <summary>The config reference as a Markdown table, generated from <see cref="ConfigSchema"/> so the docs cannot drift.</summary>
public static class ConfigReference
{
    /// <summary>Markdown table: key, type, dev default, prod default, description.</summary>
    public static string Markdown()
    {
        var text = new StringBuilder();
        text.Append("| key | type | dev | prod | what it does |\n");
        text.Append("|---|---|---|---|---|\n");
        foreach (var field in ConfigSchema.Fields)
        {
            text.Append("| `").Append(StackConfig.KeyOf(field.Path)).Append("` | ")
                .Append(field.Type.Describe()).Append(" | ")
                .Append(Default(field, Profile.Dev)).Append(" | ")
                .Append(Default(field, Profile.Prod)).Append(" | ")
                .Append(field.Description.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
        }
        return text.ToString();
    }

    /// <summary>A field's default under a profile as the table shows it: <c>`value`</c>, <c>required</c> or <c>unset</c>.</summary>
    public static string Default(ConfigField field, Profile profile)
    {
        if (field.Required) return "required";
        var node = field.DefaultFor(profile);
        if (node is null) return "unset";
        return field.Type.TryParse(node, out var value, out _) ? "`" + field.Type.Show(value) + "`" : "invalid default";
    }
}
