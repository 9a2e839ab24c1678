using Ipfs.Manifests.Builders.Monitoring;
using Ipfs.Manifests.Spec;
using k8s;
using k8s.Models;

namespace Ipfs.Manifests.Rendering;

public static partial class ClusterManifest
{
    /// <summary>
    /// The monitoring component's objects; they depend only on the spec. None when monitoring is
    /// off; otherwise the scrape objects of the chosen mode, the PrometheusRule and the dashboard
    /// (each of the last two unless switched off).
    /// </summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> MonitoringObjects(ClusterSpec spec)
    {
        if (!spec.Monitoring.Enabled) return [];
        var objects = new List<IKubernetesObject<V1ObjectMeta>>(ScrapeBuilder.Build(spec));
        if (spec.Monitoring.Rules.Enabled) objects.Add(AlertRulesBuilder.Build(spec));
        if (spec.Monitoring.Dashboard.Enabled) objects.Add(DashboardBuilder.Build(spec));
        return objects;
    }
}
