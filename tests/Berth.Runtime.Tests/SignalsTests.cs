using Berth.Core.Errors;

namespace Berth.Runtime.Tests;

public sealed class SignalsTests
{
    [Theory]
    [InlineData("SIGTERM", 15)]
    [InlineData("TERM", 15)]
    [InlineData("term", 15)]
    [InlineData("sigkill", 9)]
    [InlineData("15", 15)]
    [InlineData("9", 9)]
    [InlineData("HUP", 1)]
    [InlineData("USR1", 10)]
    [InlineData("CHLD", 17)]
    [InlineData("WINCH", 28)]
    [InlineData("SIGRTMIN", 34)]
    [InlineData("SIGRTMIN+3", 37)]
    [InlineData("RTMAX-1", 63)]
    [InlineData("RTMAX", 64)]
    public void Names_and_numbers_parse(string text, int number) => Assert.Equal(number, Signals.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("-1")]
    [InlineData("NOPE")]
    [InlineData("SIGRTMIN+16")]
    [InlineData("RTMAX-15")]
    [InlineData(" TERM")]
    public void Anything_else_is_an_invalid_signal(string text)
    {
        var error = Assert.Throws<BerthException>(() => Signals.Parse(text));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal($"Invalid signal: {text}", error.Message);
    }

    [Theory]
    [InlineData(15, "SIGTERM")]
    [InlineData(9, "SIGKILL")]
    [InlineData(6, "SIGABRT")]
    [InlineData(17, "SIGCHLD")]
    [InlineData(29, "SIGIO")]
    [InlineData(31, "SIGSYS")]
    [InlineData(34, "SIGRTMIN")]
    [InlineData(37, "SIGRTMIN+3")]
    [InlineData(63, "SIGRTMAX-1")]
    [InlineData(64, "SIGRTMAX")]
    [InlineData(0, null)]
    [InlineData(32, null)]
    public void Numbers_have_names(int number, string? name) => Assert.Equal(name, Signals.Name(number));

    [Fact]
    public void Every_name_parses_back_to_its_number()
    {
        foreach (var number in Enumerable.Range(1, 64).Where(n => Signals.Name(n) is not null))
        {
            Assert.Equal(number, Signals.Parse(Signals.Name(number)!));
        }
    }
}
