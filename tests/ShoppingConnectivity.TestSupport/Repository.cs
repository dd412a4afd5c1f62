namespace ShoppingConnectivity.TestSupport;

/// <summary>Where the repository is, seen from a test's or a benchmark's build output.</summary>
public static class Repository
{
    /// <summary>The folder holding ShoppingConnectivity.sln, above <see cref="AppContext.BaseDirectory"/>.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShoppingConnectivity.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("ShoppingConnectivity.sln not found above " + AppContext.BaseDirectory);
    }
}
