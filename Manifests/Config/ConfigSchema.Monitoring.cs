namespace Ipfs.Manifests.Config;

public static partial class ConfigSchema
{
    private static IEnumerable<ConfigField> MonitoringFields() =>
    [
        F("monitoring.enabled", FieldType.Bool, "Scraping, alert rules and the dashboard.", false, true),
        Same("monitoring.namespace", FieldType.DnsLabel(63), "Namespace of Prometheus; the only place the metrics ports are reachable from.", "monitoring"),
    ];
}
