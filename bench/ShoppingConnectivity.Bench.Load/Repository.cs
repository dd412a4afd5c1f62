namespace ShoppingConnectivity.Bench.Load;

public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShoppingConnectivity.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("ShoppingConnectivity.sln not found above the benchmark's output.");
    }
}
