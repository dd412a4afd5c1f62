using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.Estates;

/// <summary>The outcome of a save or import: the version in force afterwards, and why not when it was refused.</summary>
public sealed record EstateSaveResult(EstateSaveStatus Status, long Version, IReadOnlyList<EstateProblem> Problems, string? Message)
{
    public bool Succeeded => Status is EstateSaveStatus.Saved or EstateSaveStatus.Unchanged;

    public IReadOnlyList<string> Errors => Problems.Count > 0 ? Problems.Select(p => p.Text).ToList() : Message is null ? [] : [Message];

    public static EstateSaveResult Saved(long version) => new(EstateSaveStatus.Saved, version, [], null);

    public static EstateSaveResult Unchanged(long version) => new(EstateSaveStatus.Unchanged, version, [], "No change: the estate is as it was.");

    public static EstateSaveResult Invalid(IReadOnlyList<EstateProblem> problems, long version) =>
        new(EstateSaveStatus.Invalid, version, problems, $"The estate is invalid ({problems.Count} problems); nothing was changed.");

    public static EstateSaveResult Conflict(long version, string message) => new(EstateSaveStatus.Conflict, version, [], message);

    public static EstateSaveResult Failed(long version, string message) => new(EstateSaveStatus.Failed, version, [], message);
}
