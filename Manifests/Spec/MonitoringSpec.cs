namespace Ipfs.Manifests.Spec;

/// <summary>Scraping, alert rules and dashboard.</summary>
/// <param name="Enabled">Whether any monitoring object is built.</param>
/// <param name="Namespace">Namespace Prometheus runs in (metrics ports admit only it).</param>
public sealed record MonitoringSpec(bool Enabled, string Namespace);
