namespace Berth.Core.Errors;

/// <summary>
/// Every user-facing error, worded as Docker words it (moby daemon/errors.go and friends), so that
/// clients which match on text (docker-py, compose) behave the same against Berth.
/// </summary>
public static class Errors
{
    public static BerthException NoSuchContainer(string id) => new(ErrorKind.NotFound, $"No such container: {id}");

    public static BerthException NoSuchImage(string reference) => new(ErrorKind.NotFound, $"No such image: {reference}");

    public static BerthException NoSuchExec(string id) => new(ErrorKind.NotFound, $"No such exec instance: {id}");

    public static BerthException NoSuchVolume(string name) => new(ErrorKind.NotFound, $"get {name}: no such volume");

    public static BerthException NoSuchNetwork(string name) => new(ErrorKind.NotFound, $"network {name} not found");

    public static BerthException Forbidden(string message) => new(ErrorKind.Forbidden, message);

    public static BerthException NotFound(string message) => new(ErrorKind.NotFound, message);

    public static BerthException PageNotFound() => new(ErrorKind.NotFound, "page not found");

    public static BerthException InvalidArgument(string message) => new(ErrorKind.InvalidArgument, message);

    public static BerthException Conflict(string message) => new(ErrorKind.Conflict, message);

    public static BerthException Internal(string message, Exception? inner = null) => new(ErrorKind.Internal, message, inner);

    public static BerthException NotImplemented(string message) => new(ErrorKind.NotImplemented, message);

    public static BerthException NameInUse(string name, string ownerId) => new(
        ErrorKind.Conflict,
        $"Conflict. The container name \"/{name}\" is already in use by container \"{ownerId}\". You have to remove (or rename) that container to be able to reuse that name.");

    public static BerthException InvalidContainerName(string name) => new(
        ErrorKind.InvalidArgument,
        $"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");

    public static BerthException AmbiguousContainer(string prefix) => new(
        ErrorKind.InvalidArgument,
        $"multiple IDs found with provided prefix: {prefix}");

    public static BerthException ContainerRunningCannotRemove(string id) => new(
        ErrorKind.Conflict,
        $"cannot remove container \"/{id}\": container is running: stop the container before removing or force remove");

    public static BerthException ContainerPausedCannotRemove(string id) => new(
        ErrorKind.Conflict,
        $"cannot remove container \"/{id}\": container is paused and must be unpaused first");

    public static BerthException ContainerNotRunning(string id) => new(ErrorKind.Conflict, $"container {id} is not running");

    public static BerthException ContainerPaused(string id) => new(
        ErrorKind.Conflict,
        $"Container {id} is paused, unpause the container before exec");

    public static BerthException AlreadyStarted() => new(ErrorKind.NotModified, "container already started");

    public static BerthException AlreadyStopped() => new(ErrorKind.NotModified, "container already stopped");

    public static BerthException ImageReferenceInUse(string reference, string containerShortId, string imageShortId) => new(
        ErrorKind.Conflict,
        $"conflict: unable to remove repository reference \"{reference}\" (must force) - container {containerShortId} is using its referenced image {imageShortId}");

    public static BerthException ImageUsedByStoppedContainer(string imageShortId, string containerShortId) => new(
        ErrorKind.Conflict,
        $"conflict: unable to delete {imageShortId} (must be forced) - image is being used by stopped container {containerShortId}");

    public static BerthException ImageUsedByRunningContainer(string imageShortId, string containerShortId) => new(
        ErrorKind.Conflict,
        $"conflict: unable to delete {imageShortId} (cannot be forced) - image is being used by running container {containerShortId}");

    public static BerthException ImageHasMultipleReferences(string imageShortId) => new(
        ErrorKind.Conflict,
        $"conflict: unable to delete {imageShortId} (must be forced) - image is referenced in multiple repositories");
}
