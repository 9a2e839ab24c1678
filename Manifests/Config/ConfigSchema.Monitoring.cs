namespace Ipfs.Manifests.Config;

public static partial class ConfigSchema
{
    private static IEnumerable<ConfigField> MonitoringFields() =>
    [
        F("monitoring.enabled", FieldType.Bool, "Scraping, alert rules and the dashboard.", false, true),
    ];
}
