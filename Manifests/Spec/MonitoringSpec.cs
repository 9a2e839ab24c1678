namespace Ipfs.Manifests.Spec;

/// <summary>Scraping, alert rules and dashboard.</summary>
/// <param name="Enabled">Whether any monitoring object is built.</param>
public sealed record MonitoringSpec(bool Enabled);
