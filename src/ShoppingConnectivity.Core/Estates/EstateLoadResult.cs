namespace ShoppingConnectivity.Core.Estates;

/// <summary>Either an estate or the list of everything wrong with the file (as text, and structured by field when known).</summary>
public sealed record EstateLoadResult(Estate? Estate, IReadOnlyList<string> Errors, IReadOnlyList<EstateProblem>? FieldProblems = null)
{
    public bool Succeeded => Estate is not null && Errors.Count == 0;

    /// <summary>Every problem with the field it is about; problems of the file as a whole have no field.</summary>
    public IReadOnlyList<EstateProblem> Problems => FieldProblems ?? Errors.Select(EstateProblem.General).ToList();

    public static EstateLoadResult Failed(params string[] errors) => new(null, errors);
}
