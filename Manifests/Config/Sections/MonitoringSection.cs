using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Config;

internal static partial class SpecSections
{
    /// <summary>The monitoring.* keys as a <see cref="MonitoringSpec"/>.</summary>
    public static MonitoringSpec Monitoring(Func<string, object?> value) =>
        new((bool)value("monitoring.enabled")!, (string)value("monitoring.namespace")!);

    /// <summary>Cross-key rules of the monitoring.* keys.</summary>
    public static void ValidateMonitoring(ClusterSpec spec, Action<string, object, string> problem)
    {
    }
}
