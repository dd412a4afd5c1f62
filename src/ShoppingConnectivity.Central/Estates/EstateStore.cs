using Microsoft.Extensions.Options;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.Estates;

/// <summary>Holds the estate read from Central:EstatePath (or the empty estate when none is set).</summary>
public sealed class EstateStore
{
    public EstateStore(FlowCatalogue catalogue, IOptions<CentralOptions> options, ILogger<EstateStore> logger)
    {
        var path = options.Value.EstatePath;
        if (string.IsNullOrWhiteSpace(path))
        {
            logger.LogWarning("No estate file is set ({Key}); the diagram shows every flow with no data until one is.", $"{CentralOptions.Section}:EstatePath");
            Current = Estate.Empty(catalogue);
            return;
        }

        var result = EstateFile.Load(path, catalogue);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"The estate file {path} ({CentralOptions.Section}:EstatePath) is invalid:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", result.Errors));
        }

        Current = result.Estate!;
        logger.LogInformation("Estate {Estate} loaded from {Path}: {Hosts} hosts.", Current.Name, path, Current.Hosts.Count);
    }

    public Estate Current { get; }
}
