namespace ShoppingConnectivity.Central.Estates;

public enum EstateSaveStatus
{
    Saved,
    Unchanged,
    Invalid,
    Conflict,
    Failed,
}
