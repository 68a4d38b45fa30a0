using Redeploy.Core.Hooks;

namespace Redeploy.Core.Readers;

/// <summary>
/// Turns one sender's JSON payload, already checked to be well-formed and indexed, into a <see cref="Delivery"/>. Readers
/// look up root properties in the <see cref="RootObject"/> or stream the payload with <see cref="System.Text.Json.Utf8JsonReader"/>,
/// read only the fields they need, and report bad input as a <see cref="Failure"/> (or by throwing
/// <see cref="PayloadFormatException"/>/<see cref="System.Text.Json.JsonException"/>, which <see cref="DeliveryReader"/> turns into one).
/// </summary>
internal interface IDeliveryReader
{
    Outcome<Delivery> Read(HookRequest request, RootObject root);
}
