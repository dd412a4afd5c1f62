using System.Text.Json;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>Reads a real agent's outbox files from its data folder while the agent runs.</summary>
public static class AgentOutbox
{
    /// <summary>Results in the agent's outbox files, read as central would get them (unreadable lines skipped).</summary>
    public static List<ProbeResultDto> Read(string agentDataDirectory)
    {
        var folder = Path.Combine(agentDataDirectory, "outbox");
        if (!Directory.Exists(folder)) return [];
        var results = new List<ProbeResultDto>();
        foreach (var file in Directory.GetFiles(folder, "*.jsonl"))
        {
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                while (reader.ReadLine() is { Length: > 0 } line)
                {
                    try
                    {
                        results.Add(JsonSerializer.Deserialize<ProbeResultDto>(line, ContractsJson.Options)!);
                    }
                    catch (JsonException)
                    {
                        // A line being written right now.
                    }
                }
            }
            catch (FileNotFoundException)
            {
                // Acknowledged and deleted meanwhile.
            }
        }

        return results;
    }
}
