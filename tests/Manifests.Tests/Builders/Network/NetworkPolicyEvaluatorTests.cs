using k8s.Models;
using Xunit;

namespace Ipfs.Manifests.Tests.Builders.Network;

/// <summary>The evaluator the policy table relies on, checked against the NetworkPolicy rules it claims to follow.</summary>
public class NetworkPolicyEvaluatorTests
{
    private static readonly Endpoint Web = Endpoint.Pod("web", "shop", ("app", "web"));
    private static readonly Endpoint Db = Endpoint.Pod("db", "shop", ("app", "db"));
    private static readonly Endpoint Admin = Endpoint.Pod("admin", "ops", ("app", "web"));
    private static readonly Endpoint Internet = Endpoint.External("internet", "34.1.2.3");

    private static V1NetworkPolicy Policy(string name, string ns, V1LabelSelector pods, List<string>? types,
        List<V1NetworkPolicyIngressRule>? ingress = null, List<V1NetworkPolicyEgressRule>? egress = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1NetworkPolicySpec { PodSelector = pods, PolicyTypes = types, Ingress = ingress, Egress = egress },
    };

    private static V1LabelSelector App(string app) => new() { MatchLabels = new Dictionary<string, string> { ["app"] = app } };

    private static V1NetworkPolicyPort Tcp(int port) => new() { Port = port, Protocol = "TCP" };

    [Fact]
    public void WithoutPoliciesEverythingIsAllowed()
    {
        var evaluator = new NetworkPolicyEvaluator([]);
        Assert.True(evaluator.Allows(Internet, Db, 5432));
        Assert.True(evaluator.Allows(Web, Db, 5432, "UDP"));
    }

    [Fact]
    public void APolicyWithoutRulesDeniesWhatItSelectsAndNothingElse()
    {
        var evaluator = new NetworkPolicyEvaluator([Policy("deny", "shop", App("db"), ["Ingress"])]);
        Assert.False(evaluator.Allows(Web, Db, 5432));
        Assert.True(evaluator.Allows(Db, Web, 80)); // web is not selected; db's egress is not isolated
    }

    [Fact]
    public void AnEmptyPodSelectorSelectsEveryPodOfThePolicysNamespaceOnly()
    {
        var evaluator = new NetworkPolicyEvaluator([Policy("deny-all", "shop", new V1LabelSelector(), ["Ingress"])]);
        Assert.False(evaluator.Allows(Admin, Web, 80));
        Assert.False(evaluator.Allows(Web, Db, 5432));
        Assert.False(evaluator.Allows(Internet, Endpoint.Pod("unlabelled", "shop"), 80));
        Assert.True(evaluator.Allows(Web, Admin, 80)); // ops is another namespace: not selected
    }

    [Fact]
    public void PoliciesAreAUnion()
    {
        var evaluator = new NetworkPolicyEvaluator(
        [
            Policy("deny", "shop", new V1LabelSelector(), ["Ingress"]),
            Policy("web-to-db", "shop", App("db"), ["Ingress"], [new() { FromProperty = [new() { PodSelector = App("web") }], Ports = [Tcp(5432)] }]),
        ]);
        Assert.True(evaluator.Allows(Web, Db, 5432));
        Assert.False(evaluator.Allows(Web, Db, 5433));
        Assert.False(evaluator.Allows(Db, Web, 80));
    }

    [Fact]
    public void APodSelectorAloneMeansPodsOfThePolicysNamespace()
    {
        var evaluator = new NetworkPolicyEvaluator([Policy("p", "shop", App("db"), ["Ingress"], [new() { FromProperty = [new() { PodSelector = App("web") }] }])]);
        Assert.True(evaluator.Allows(Web, Db, 1));
        Assert.False(evaluator.Allows(Admin, Db, 1)); // same labels, other namespace
        Assert.False(evaluator.Allows(Internet, Db, 1));
    }

    [Fact]
    public void NamespaceAndPodSelectorsInOnePeerMustBothMatch_InTwoPeersEitherMay()
    {
        var ops = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "ops" } };
        var both = new NetworkPolicyEvaluator([Policy("p", "shop", App("db"), ["Ingress"], [new() { FromProperty = [new() { NamespaceSelector = ops, PodSelector = App("cron") }] }])]);
        var either = new NetworkPolicyEvaluator([Policy("p", "shop", App("db"), ["Ingress"], [new() { FromProperty = [new() { NamespaceSelector = ops }, new() { PodSelector = App("cron") }] }])]);

        Assert.False(both.Allows(Admin, Db, 1));
        Assert.True(both.Allows(Endpoint.Pod("cron", "ops", ("app", "cron")), Db, 1));
        Assert.True(either.Allows(Admin, Db, 1));
        Assert.True(either.Allows(Endpoint.Pod("cron", "shop", ("app", "cron")), Db, 1));
        Assert.False(either.Allows(Web, Db, 1));
    }

    [Fact]
    public void RulesWithoutPeersAdmitEverySourceAndWithoutPortsEveryPort()
    {
        var evaluator = new NetworkPolicyEvaluator(
        [
            Policy("any-source", "shop", App("web"), ["Ingress"], [new() { Ports = [Tcp(443)] }]),
            Policy("any-port", "shop", App("db"), ["Ingress"], [new() { FromProperty = [new() { PodSelector = App("web") }] }]),
        ]);
        Assert.True(evaluator.Allows(Internet, Web, 443));
        Assert.True(evaluator.Allows(Admin, Web, 443));
        Assert.False(evaluator.Allows(Internet, Web, 443, "UDP"));
        Assert.True(evaluator.Allows(Web, Db, 65535, "UDP"));
    }

    [Fact]
    public void ProtocolDefaultsToTcpAndEndPortMakesARange()
    {
        var evaluator = new NetworkPolicyEvaluator([Policy("p", "shop", App("db"), ["Ingress"],
            [new() { Ports = [new() { Port = 30000, EndPort = 30010 }] }])]);
        Assert.True(evaluator.Allows(Internet, Db, 30005));
        Assert.False(evaluator.Allows(Internet, Db, 30011));
        Assert.False(evaluator.Allows(Internet, Db, 30005, "UDP"));
    }

    [Fact]
    public void IpBlocksMatchAddressesOutsideTheClusterMinusTheirExceptions()
    {
        var evaluator = new NetworkPolicyEvaluator([Policy("p", "shop", App("web"), ["Ingress"],
            [new() { FromProperty = [new() { IpBlock = new V1IPBlock { Cidr = "34.0.0.0/8", Except = ["34.1.0.0/16"] } }] }])]);
        Assert.True(evaluator.Allows(Endpoint.External("a", "34.9.9.9"), Web, 80));
        Assert.False(evaluator.Allows(Internet, Web, 80)); // 34.1.2.3 is excepted
        Assert.False(evaluator.Allows(Endpoint.External("b", "35.0.0.1"), Web, 80));
        Assert.False(evaluator.Allows(Admin, Web, 80));
    }

    [Fact]
    public void EgressIsIsolatedOnlyByPoliciesOfTypeEgressAndAConnectionNeedsBothEnds()
    {
        var evaluator = new NetworkPolicyEvaluator(
        [
            Policy("web-egress", "shop", App("web"), ["Egress"], egress: [new() { To = [new() { PodSelector = App("db") }], Ports = [Tcp(5432)] }]),
            Policy("db-ingress", "shop", App("db"), ["Ingress"], [new() { FromProperty = [new() { PodSelector = App("web") }], Ports = [Tcp(5432), Tcp(5433)] }]),
        ]);
        Assert.True(evaluator.Allows(Web, Db, 5432));
        Assert.False(evaluator.Allows(Web, Db, 5433)); // db admits it, web may not send it
        Assert.False(evaluator.Allows(Web, Internet, 443));
        Assert.True(evaluator.Allows(Internet, Web, 80)); // web's ingress is not isolated
    }

    [Fact]
    public void PolicyTypesDefaultToIngressPlusEgressWhenThereAreEgressRules()
    {
        var evaluator = new NetworkPolicyEvaluator([Policy("p", "shop", App("web"), null, egress: [new() { Ports = [Tcp(53)] }])]);
        Assert.False(evaluator.Allows(Internet, Web, 80));
        Assert.True(evaluator.Allows(Web, Internet, 53));
        Assert.False(evaluator.Allows(Web, Internet, 443));
    }

    [Fact]
    public void MatchExpressionsFollowTheirOperators()
    {
        var labels = new Dictionary<string, string> { ["tier"] = "db", ["zone"] = "a" };
        V1LabelSelector Expression(string op, params string[] values) =>
            new() { MatchExpressions = [new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = op, Values = values.Length > 0 ? values : null }] };

        Assert.True(NetworkPolicyEvaluator.Matches(Expression("In", "db", "cache"), labels));
        Assert.False(NetworkPolicyEvaluator.Matches(Expression("NotIn", "db"), labels));
        Assert.True(NetworkPolicyEvaluator.Matches(Expression("Exists"), labels));
        Assert.False(NetworkPolicyEvaluator.Matches(Expression("DoesNotExist"), labels));
        Assert.True(NetworkPolicyEvaluator.Matches(new V1LabelSelector(), labels));
    }
}
