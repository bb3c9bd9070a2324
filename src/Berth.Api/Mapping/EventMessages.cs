using Berth.Api.Contracts.Streams;
using Berth.Engine.Events;

namespace Berth.Api.Mapping;

/// <summary>Engine events as moby's events.Message, with the deprecated status/id/from that compose 1.x reads.</summary>
internal static class EventMessages
{
    public static EventMessage From(EngineEvent e)
    {
        var nanos = (e.Time - DateTime.UnixEpoch).Ticks * 100;
        var legacy = e.Type is "container" or "image";
        return new EventMessage
        {
            Status = legacy ? e.Action : null,
            Id = legacy ? e.ActorId : null,
            From = e.Type == "container" ? e.Attributes.GetValueOrDefault("image") : null,
            Type = e.Type,
            Action = e.Action,
            Actor = new EventActor { ID = e.ActorId, Attributes = new Dictionary<string, string>(e.Attributes) },
            Scope = "local",
            Time = nanos / 1_000_000_000,
            TimeNano = nanos,
        };
    }
}
