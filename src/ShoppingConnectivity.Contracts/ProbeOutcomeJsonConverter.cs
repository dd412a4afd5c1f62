using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Contracts;

/// <summary>
/// An outcome on the wire is exactly one of the names of <see cref="ProbeOutcome"/>, as written there. The stock
/// string-enum converter also reads numbers, any casing and comma-joined flags text ("Reachable,Refused" reads as
/// Refused), so a forged or garbled outcome could pass for a real one; this one refuses them, quoting the value.
/// </summary>
public sealed class ProbeOutcomeJsonConverter : JsonConverter<ProbeOutcome>
{
    private static readonly ProbeOutcome[] Values = Enum.GetValues<ProbeOutcome>();
    private static readonly byte[][] Utf8Names = Values.Select(v => Encoding.UTF8.GetBytes(v.ToString())).ToArray();
    private static readonly JsonEncodedText[] EncodedNames = Values.Select(v => JsonEncodedText.Encode(v.ToString())).ToArray();
    private static readonly string Choices = string.Join(", ", Values);

    /// <summary>Longest part of a refused value quoted back.</summary>
    private const int QuotedLength = 40;

    public override ProbeOutcome Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            for (var i = 0; i < Utf8Names.Length; i++)
            {
                if (reader.ValueTextEquals(Utf8Names[i])) return Values[i];
            }
        }

        throw new JsonException($"{Quote(ref reader)} is not one outcome; use one of {Choices}.");
    }

    public override void Write(Utf8JsonWriter writer, ProbeOutcome value, JsonSerializerOptions options)
    {
        for (var i = 0; i < Values.Length; i++)
        {
            if (Values[i] != value) continue;
            writer.WriteStringValue(EncodedNames[i]);
            return;
        }

        throw new JsonException($"{(int)value} is not an outcome; only {Choices} are written.");
    }

    private static string Quote(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var text = reader.GetString() ?? "";
                return $"'{(text.Length > QuotedLength ? text[..QuotedLength] + "..." : text)}'";
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var number) ? $"The number {number}" : "A number";
            case JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                return reader.TokenType.ToString().ToLowerInvariant();
            default:
                return reader.TokenType == JsonTokenType.StartArray ? "An array" : "An object";
        }
    }
}
