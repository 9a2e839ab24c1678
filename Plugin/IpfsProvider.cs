using Ipfs.Components;
using Pulumi.Experimental.Provider;

namespace Ipfs.Plugin;

/// <summary>
/// Serves the exposed components: the SDK's component provider with the package's own name and
/// version, a schema with descriptions, and inputs checked before a component is constructed.
/// </summary>
internal sealed class IpfsProvider : ComponentProvider
{
    public IpfsProvider()
        : base(typeof(IpfsCluster).Assembly, IpfsPackage.Metadata, IpfsPackage.ExposedComponents)
    {
    }

    /// <summary>The analyzer's schema completed by <see cref="SchemaAdditions"/>.</summary>
    public override async Task<GetSchemaResponse> GetSchema(GetSchemaRequest request, CancellationToken ct)
    {
        var schema = await base.GetSchema(request, ct);
        return new GetSchemaResponse { Schema = SchemaAdditions.Complete(schema.Schema!, IpfsPackage.ExposedComponents) };
    }

    /// <summary>The args type of a component: the second parameter of its (name, args, options) constructor.</summary>
    public static Type ArgsTypeOf(Type component) =>
        component.GetConstructors().Single(c => c.GetParameters().Length == 3).GetParameters()[1].ParameterType;

    /// <summary>
    /// Refuses types that are not exposed (the SDK would otherwise find any component of the
    /// assembly) and inputs that are unknown or secret, then constructs.
    /// </summary>
    public override Task<ConstructResponse> Construct(ConstructRequest request, CancellationToken ct)
    {
        var component = IpfsPackage.ExposedComponents.FirstOrDefault(t => request.Type == IpfsPackage.TokenOf(t))
            ?? throw new ArgumentException($"{request.Type} is not a component of package ipfs; it offers {string.Join(", ", IpfsPackage.ExposedComponents.Select(IpfsPackage.TokenOf))}.");
        ConstructInputs.RequireKnownPlainValues(ArgsTypeOf(component), component.Name, request.Name, request.Inputs);
        return base.Construct(request, ct);
    }
}
