namespace Berth.Core.Errors;

/// <summary>
/// The one error vocabulary of Berth, independent of any transport. The API maps each kind to an
/// HTTP status in one place (moby's httpstatus.FromError); nothing else looks at messages.
/// </summary>
public enum ErrorKind
{
    Internal,
    NotFound,
    InvalidArgument,
    Conflict,
    NotModified,
    Unauthorized,
    Forbidden,
    Unavailable,
    NotImplemented,
}
