using Ipfs.Manifests.Crds.Snapshot;
using Ipfs.Manifests.Serialization;
using k8s.Models;
using YamlDotNet.Core;
using Xunit;

namespace Ipfs.Manifests.Tests.Serialization;

/// <summary>
/// The reflection-free YAML writer and reader. Expected texts are what KubernetesClient's
/// reflection-based KubernetesYaml.Serialize (21.0.8) writes for the same objects, so renders keep
/// their bytes and kubectl reads every value with its intended type.
/// </summary>
public sealed class ManifestYamlTests
{
    private static V1ConfigMap ConfigMap() => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = "x",
            NamespaceProperty = "ns",
            Labels = new Dictionary<string, string> { ["on"] = "yes", ["n"] = "8080", ["e"] = "", ["s"] = "plain text" },
            OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "StatefulSet", Name = "ipfs", Uid = "u", Controller = true }],
        },
        Data = new Dictionary<string, string> { ["script.sh"] = "#!/bin/sh\necho hi\n", ["f"] = "1.5", ["t"] = "true" },
    };

    [Fact]
    public void StringsYamlWouldReadAsAnotherType_AreDoubleQuoted_MultiLineStringsAreLiteralBlocks_AndApiVersionKindMetadataLead()
    {
        Assert.Equal("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              labels:
                "on": "yes"
                "n": "8080"
                e: ""
                s: plain text
              name: x
              namespace: ns
              ownerReferences:
              - apiVersion: apps/v1
                kind: StatefulSet
                controller: true
                name: ipfs
                uid: u
            data:
              script.sh: |
                #!/bin/sh
                echo hi
              f: "1.5"
              t: "true"
            """.ReplaceLineEndings("\n"), ManifestYaml.Serialize(ConfigMap()));
    }

    [Fact]
    public void QuantitiesIntOrStringsAndNumbersArePlain_NullsAreOmitted_EmptyListsAreFlow()
    {
        var container = new V1Container
        {
            Name = "kubo",
            Ports = [new V1ContainerPort { ContainerPort = 4001, Protocol = "UDP" }],
            Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("2Gi") } },
            Args = [],
            LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Port = 9094, Path = "/health" } },
        };

        Assert.Equal("""
            args: []
            livenessProbe:
              httpGet:
                path: /health
                port: 9094
            name: kubo
            ports:
            - containerPort: 4001
              protocol: UDP
            resources:
              limits:
                cpu: 1
                memory: 2Gi
            """.ReplaceLineEndings("\n"), ManifestYaml.Serialize(container));
    }

    [Fact]
    public void BytesAreBase64_AndReferencesPutKindFirst()
    {
        var secret = new V1Secret { ApiVersion = "v1", Kind = "Secret", Metadata = new V1ObjectMeta { Name = "s" }, Data = new Dictionary<string, byte[]> { ["k"] = [1, 2, 3] }, Type = "Opaque" };
        var binding = new V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "RoleBinding",
            Metadata = new V1ObjectMeta { Name = "b" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "r" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "sa", NamespaceProperty = "ns" }],
        };

        Assert.Equal("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  k: AQID\ntype: Opaque", ManifestYaml.Serialize(secret));
        Assert.Equal("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: b
            roleRef:
              kind: Role
              apiGroup: rbac.authorization.k8s.io
              name: r
            subjects:
            - kind: ServiceAccount
              name: sa
              namespace: ns
            """.ReplaceLineEndings("\n"), ManifestYaml.Serialize(binding));
    }

    [Fact]
    public void LoadAll_ReadsEveryDocumentBackIntoItsKind()
    {
        var snapshotClass = new V1VolumeSnapshotClass { Metadata = new V1ObjectMeta { Name = "snap" }, Driver = "pd.csi.storage.gke.io" };
        var yaml = ManifestYaml.Serialize(ConfigMap()) + "\n---\n" + ManifestYaml.Serialize(snapshotClass);

        var loaded = ManifestYaml.LoadAll(yaml);

        Assert.Equal([typeof(V1ConfigMap), typeof(V1VolumeSnapshotClass)], loaded.Select(o => o.GetType()));
        Assert.Equal(ManifestJson.Serialize(ConfigMap()), ManifestJson.Serialize(loaded[0]));
        Assert.Equal(ManifestJson.Serialize(snapshotClass), ManifestJson.Serialize(loaded[1]));
    }

    [Fact]
    public void EveryKindThatIsReadBack_HasSourceGeneratedMetadata()
    {
        Assert.All(ManifestKinds.Types, type => Assert.Equal(type, ManifestJson.TypeInfo(type).Type));
    }

    [Fact]
    public void Reading_RefusesAFieldTheModelDoesNotHave_NamingTypeAndField()
    {
        var error = Assert.Throws<YamlException>(() => ManifestYaml.Deserialize<V1PersistentVolumeClaim>("apiVersion: v1\nkind: PersistentVolumeClaim\nspec:\n  storageClass: fast\n"));

        Assert.Contains("V1PersistentVolumeClaimSpec has no field 'storageClass'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadAll_RefusesAKindThisLibraryDoesNotBuild()
    {
        var error = Assert.Throws<YamlException>(() => ManifestYaml.LoadAll("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"));

        Assert.Contains("apiVersion 'v1', kind 'Pod' is not a kind this library builds", error.Message, StringComparison.Ordinal);
    }
}
