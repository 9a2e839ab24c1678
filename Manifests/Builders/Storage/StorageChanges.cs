using Ipfs.Manifests.Builders.NodeSet;
using Ipfs.Manifests.Config;
using Ipfs.Manifests.Spec;

namespace Ipfs.Manifests.Builders.Storage;

/// <summary>What a run does to one volume claim.</summary>
public enum ClaimChangeKind
{
    /// <summary>A new claim.</summary>
    Create,

    /// <summary>Nothing changes.</summary>
    Unchanged,

    /// <summary>A larger size: an in-place expansion.</summary>
    Grow,

    /// <summary>A smaller size: refused (Kubernetes cannot shrink a volume).</summary>
    Shrink,

    /// <summary>Another StorageClass: refused, it replaces the volume (a migration).</summary>
    ClassChange,

    /// <summary>Another restore source: refused, a claim's data source is immutable.</summary>
    SourceChange,

    /// <summary>A class, source or shrinking change acknowledged by storage.migration.recreateClaims.</summary>
    Recreate,
}

/// <summary>One claim's change between the deployed state and this run.</summary>
/// <param name="Claim">Claim name.</param>
/// <param name="Kind">What happens.</param>
/// <param name="Before">As deployed; null for a new claim.</param>
/// <param name="After">As this run builds it.</param>
public sealed record ClaimChange(string Claim, ClaimChangeKind Kind, ClaimState? Before, ClaimState After);

/// <summary>
/// Compares the claims this run builds with the claims deployed before (<see cref="StorageState"/>):
/// growing is an in-place expansion; shrinking, another class or another restore source cannot
/// happen to an existing claim and are refused, each with the key to change and the way out, unless
/// storage.migration.recreateClaims says the claims were deleted for exactly that. Never silent.
/// </summary>
public static class StorageChanges
{
    /// <summary>Every claim this run builds, with its change against <paramref name="previous"/> (null: nothing deployed yet).</summary>
    public static IReadOnlyList<ClaimChange> Plan(StorageState? previous, ClusterSpec spec)
    {
        var desired = VolumeClaimsBuilder.NodeClaims(spec).ToList();
        if (spec.Storage.Backup.Enabled) desired.Add(VolumeClaimsBuilder.BackupClaim(spec));

        var changes = new List<ClaimChange>(desired.Count);
        foreach (var after in desired.Select(ClaimState.Of))
        {
            if (previous is null || !previous.Claims.TryGetValue(after.Name, out var before))
            {
                changes.Add(new(after.Name, ClaimChangeKind.Create, null, after));
                continue;
            }
            var kind =
                before.ClassName != after.ClassName ? ClaimChangeKind.ClassChange
                : before.SnapshotSource != after.SnapshotSource ? ClaimChangeKind.SourceChange
                : PodSizing.Bytes(after.Size) < PodSizing.Bytes(before.Size) ? ClaimChangeKind.Shrink
                : PodSizing.Bytes(after.Size) > PodSizing.Bytes(before.Size) ? ClaimChangeKind.Grow
                : ClaimChangeKind.Unchanged;
            if (spec.Storage.Migration.RecreateClaims && kind is ClaimChangeKind.ClassChange or ClaimChangeKind.SourceChange or ClaimChangeKind.Shrink)
                kind = ClaimChangeKind.Recreate;
            changes.Add(new(after.Name, kind, before, after));
        }
        return changes;
    }

    /// <summary>
    /// The refused changes of <paramref name="plan"/> as config problems (one per key, naming every
    /// claim it affects), plus a stale storage.migration.recreateClaims.
    /// </summary>
    public static IReadOnlyList<ConfigProblem> Problems(IReadOnlyList<ClaimChange> plan, StorageState? previous, ClusterSpec spec, string source)
    {
        var problems = new List<ConfigProblem>();
        if (previous is null) return problems;
        var backupClaim = StorageNames.BackupClaim(spec);
        var deployed = $"(deployed state: {previous.Source})";

        // Every refused difference of every claim, so that one run lists them all (a class change
        // and a shrink of the same claims are two problems with two keys).
        var refused = plan.Where(c => c.Kind is ClaimChangeKind.Shrink or ClaimChangeKind.ClassChange or ClaimChangeKind.SourceChange)
            .SelectMany(c => Issues(c).Select(kind => c with { Kind = kind }));
        foreach (var group in refused.GroupBy(c => (c.Kind, Key: KeyOf(c, backupClaim))))
        {
            var first = group.First();
            var claims = Claims(group.Select(c => c.Claim).ToList());
            var before = first.Before!;
            var (value, message) = group.Key.Kind switch
            {
                ClaimChangeKind.Shrink => ((string?)first.After.Size,
                    $"would shrink {claims} from {before.Size} to {first.After.Size}: volumes only grow (Kubernetes refuses to shrink a claim). " +
                    $"Keep {before.Size} or more; to really shrink, snapshot or export, delete the claims and set storage.migration.recreateClaims true (docs/storage.md, \"Shrinking or changing the class\") {deployed}"),
                ClaimChangeKind.ClassChange => (first.After.ClassName ?? "",
                    $"would move {claims} from class {before.ClassName} to {first.After.ClassName}: a claim's class cannot change in place, so this replaces the volumes " +
                    "(and the StatefulSet's claim templates) and needs a migration: snapshot or export, scale to 0, delete the claims, then set storage.migration.recreateClaims true " +
                    $"(docs/storage.md, \"Shrinking or changing the class\") {deployed}"),
                _ when first.After.SnapshotSource is null => ((string?)null,
                    $"is no longer set, but {claims} were restored from {before.SnapshotSource} and a claim's data source cannot change: " +
                    $"keep storage.restore.snapshotSet as it was (it does nothing to existing claims), or re-create the claims {deployed}"),
                _ => (spec.Storage.Restore.SnapshotSet ?? "",
                    $"would restore {claims} from {first.After.SnapshotSource}, but they exist and keep their data: a restore needs new claims. " +
                    $"Scale to 0, delete them and set storage.migration.recreateClaims true (docs/storage.md, \"Restore\") {deployed}"),
            };
            problems.Add(new ConfigProblem(source, StackConfig.KeyOf(group.Key.Key), value, message));
        }

        if (spec.Storage.Migration.RecreateClaims && !plan.Any(c => c.Kind == ClaimChangeKind.Recreate))
            problems.Add(new ConfigProblem(source, StackConfig.KeyOf("storage.migration.recreateClaims"), "true",
                $"has nothing to re-create: no claim changes its class, restore source or size downwards. Remove it, so that it cannot let a later change through unnoticed {deployed}"));
        return problems;
    }

    /// <summary>Plans against <paramref name="previous"/> and throws when any change is refused.</summary>
    /// <exception cref="ConfigValidationException">Every refused change, one problem per key.</exception>
    public static IReadOnlyList<ClaimChange> Verify(StorageState? previous, ClusterSpec spec, string source)
    {
        var plan = Plan(previous, spec);
        var problems = Problems(plan, previous, spec, source);
        if (problems.Count > 0) throw new ConfigValidationException(problems);
        return plan;
    }

    /// <summary>One line per kind of change worth telling (growth, re-creation, new claims next to deployed ones).</summary>
    public static IEnumerable<string> Describe(IReadOnlyList<ClaimChange> plan)
    {
        if (plan.All(c => c.Before is null)) yield break; // first deployment: nothing to compare
        foreach (var group in plan.Where(c => c.Kind is ClaimChangeKind.Grow or ClaimChangeKind.Recreate or ClaimChangeKind.Create)
                     .GroupBy(c => (c.Kind, c.Before?.Size, c.Before?.ClassName, c.After.Size, c.After.ClassName)))
        {
            var names = group.Select(c => c.Claim).ToList();
            var claims = Claims(names);
            var one = names.Count == 1;
            var first = group.First();
            yield return group.Key.Kind switch
            {
                ClaimChangeKind.Grow => $"{claims} {(one ? "grows" : "grow")} from {first.Before!.Size} to {first.After.Size} (in-place volume expansion)",
                ClaimChangeKind.Recreate => $"{claims} {(one ? "is" : "are")} re-created ({first.Before!.ClassName} {first.Before.Size} -> {first.After.ClassName} {first.After.Size}" +
                    (first.After.SnapshotSource is { } s ? $", restored from {s}" : ", empty") + "): storage.migration.recreateClaims; remove it after this change",
                _ => $"{claims} {(one ? "is" : "are")} new ({first.After.ClassName} {first.After.Size})",
            };
        }
    }

    private static IEnumerable<ClaimChangeKind> Issues(ClaimChange change)
    {
        var (before, after) = (change.Before!, change.After);
        if (before.ClassName != after.ClassName) yield return ClaimChangeKind.ClassChange;
        if (before.SnapshotSource != after.SnapshotSource) yield return ClaimChangeKind.SourceChange;
        if (PodSizing.Bytes(after.Size) < PodSizing.Bytes(before.Size)) yield return ClaimChangeKind.Shrink;
    }

    private static string KeyOf(ClaimChange change, string backupClaim)
    {
        var isBackup = change.Claim == backupClaim;
        var isData = change.Claim.StartsWith(StatefulSetBuilder.DataVolume + "-", StringComparison.Ordinal);
        return change.Kind switch
        {
            ClaimChangeKind.ClassChange => isBackup ? "storage.backup.className" : "storage.className",
            ClaimChangeKind.SourceChange => "storage.restore.snapshotSet",
            _ => isBackup ? "storage.backup.size" : isData ? "storage.dataSize" : "storage.stateSize",
        };
    }

    private static string Claims(IReadOnlyList<string> names) => names.Count switch
    {
        1 => names[0],
        <= 4 => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
        _ => $"{string.Join(", ", names.Take(3))} and {names.Count - 3} more",
    };
}
