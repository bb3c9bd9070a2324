using System.Runtime.Versioning;

// the CLI under test is Linux-only (terminals, signals, Unix sockets)
[assembly: SupportedOSPlatform("linux")]
