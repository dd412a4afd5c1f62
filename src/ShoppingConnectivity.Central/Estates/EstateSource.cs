namespace ShoppingConnectivity.Central.Estates;

/// <summary>Where a version of the estate came from.</summary>
public enum EstateSource
{
    /// <summary>Imported from the estate file (Central:EstatePath), at start or when it was edited.</summary>
    File,

    /// <summary>Edited in the UI.</summary>
    Ui,

    /// <summary>A file uploaded in the UI.</summary>
    Import,
}
