namespace Berth.Engine.Events;

/// <summary>Something that happened to an object: Docker's events.Message without the wire legacy.</summary>
public sealed record EngineEvent(string Type, string Action, string ActorId, IReadOnlyDictionary<string, string> Attributes, DateTime Time);
