using Berth.Core.Errors;

namespace Berth.Images.Tests;

public sealed class DockerfileChangesTests
{
    [Fact]
    public void Cmd_and_entrypoint_take_the_json_form_as_is_and_run_the_shell_form_with_sh()
    {
        var config = Apply("CMD [\"echo\", \"hi there\"]", "ENTRYPOINT /entry.sh --flag");

        Assert.Equal(["echo", "hi there"], config.Cmd);
        Assert.Equal(["/bin/sh", "-c", "/entry.sh --flag"], config.Entrypoint);
    }

    [Fact]
    public void The_shell_form_uses_the_configs_shell()
    {
        var config = new ContainerConfig { Shell = ["/bin/bash", "-o", "pipefail", "-c"] };

        DockerfileChanges.Apply(config, ["cmd echo $HOME | wc"]);

        Assert.Equal(["/bin/bash", "-o", "pipefail", "-c", "echo $HOME | wc"], config.Cmd);
    }

    [Fact]
    public void An_entrypoint_drops_the_images_cmd_unless_a_cmd_came_first()
    {
        var inherited = new ContainerConfig { Cmd = ["old"] };
        DockerfileChanges.Apply(inherited, ["ENTRYPOINT [\"/e\"]"]);

        var both = Apply("CMD [\"c\"]", "ENTRYPOINT [\"/e\"]");

        Assert.Null(inherited.Cmd);
        Assert.Equal(["c"], both.Cmd);
    }

    [Fact]
    public void A_json_array_of_non_strings_is_an_error_and_other_brackets_are_the_shell_form()
    {
        Assert.Equal("when using JSON array syntax, arrays must be comprised of strings only", Error("CMD [1, 2]"));
        Assert.Equal(["/bin/sh", "-c", "[ -f x ]"], Apply("CMD [ -f x ]").Cmd);
    }

    [Fact]
    public void Env_takes_pairs_and_the_legacy_form_and_replaces_existing_names()
    {
        var config = new ContainerConfig { Env = ["PATH=/bin", "A=old"] };

        DockerfileChanges.Apply(config, ["ENV A=b C=\"d e\" F=g\\ h", "ENV LEGACY value with  spaces"]);

        Assert.Equal(["PATH=/bin", "A=b", "C=d e", "F=g h", "LEGACY=value with  spaces"], config.Env);
    }

    [Fact]
    public void Env_expands_variables_from_before_the_instruction()
    {
        var config = new ContainerConfig { Env = ["PATH=/bin", "X=1"] };

        DockerfileChanges.Apply(config, ["ENV PATH=/opt/bin:$PATH X=2 Y=$X Z=${X}${UNSET:-dflt} Q='$X' R=\"$X\" S=\\$X"]);

        Assert.Equal(["PATH=/opt/bin:/bin", "X=2", "Y=1", "Z=1dflt", "Q=$X", "R=1", "S=$X"], config.Env);
    }

    [Fact]
    public void Env_errors_are_worded_as_Dockers()
    {
        Assert.Equal("ENV requires at least one argument", Error("ENV"));
        Assert.Equal("ENV must have two arguments", Error("ENV lonely"));
        Assert.Equal("Syntax error - can't find = in \"b\". Must be of the form: name=value", Error("ENV a=1 b"));
        Assert.Equal("ENV names can not be blank", Error("ENV =x"));
    }

    [Fact]
    public void Label_takes_quoted_pairs_and_the_legacy_form()
    {
        var config = Apply("LABEL \"com.example.vendor\"=\"ACME Inc\" version=1.0", "label description this is it");

        Assert.Equal(new Dictionary<string, string>
        {
            ["com.example.vendor"] = "ACME Inc",
            ["version"] = "1.0",
            ["description"] = "this is it",
        }, config.Labels);
    }

    [Fact]
    public void Expose_adds_ports_with_their_protocol_and_expands_ranges_and_variables()
    {
        var config = new ContainerConfig { Env = ["PORTS=9000 9001/udp"] };

        DockerfileChanges.Apply(config, ["EXPOSE 80 53/UDP 8000-8002 $PORTS 127.0.0.1:8080:81/sctp"]);

        Assert.Equal(
            ["53/udp", "80/tcp", "8000/tcp", "8001/tcp", "8002/tcp", "81/sctp", "9000/tcp", "9001/udp"],
            config.ExposedPorts!.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("EXPOSE", "EXPOSE requires at least one argument")]
    [InlineData("EXPOSE 80/icmp", "invalid proto: icmp")]
    [InlineData("EXPOSE eighty", "invalid containerPort: eighty")]
    [InlineData("EXPOSE 90-80", "invalid containerPort: 90-80")]
    [InlineData("EXPOSE 70000", "invalid containerPort: 70000")]
    public void Bad_ports_are_refused(string change, string message) => Assert.Equal(message, Error(change));

    [Fact]
    public void Volume_takes_json_or_words()
    {
        var config = new ContainerConfig { Env = ["D=/data"] };

        DockerfileChanges.Apply(config, ["VOLUME [\"/var/lib/db\", \"/logs\"]", "VOLUME $D /cache"]);

        Assert.Equal(["/cache", "/data", "/logs", "/var/lib/db"], config.Volumes!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("VOLUME specified can not be an empty string", Error("VOLUME [\"\"]"));
    }

    [Fact]
    public void Workdir_is_made_absolute_relative_to_the_previous_one()
    {
        Assert.Equal("/app/src", Apply("WORKDIR /app", "WORKDIR src").WorkingDir);
        Assert.Equal("/b", Apply("WORKDIR /a/../b/.").WorkingDir);
        Assert.Equal("/rel", Apply("WORKDIR rel").WorkingDir);
        Assert.Equal("WORKDIR requires exactly one argument", Error("WORKDIR"));
    }

    [Fact]
    public void User_onbuild_and_stopsignal_are_set()
    {
        var config = new ContainerConfig { Env = ["U=nobody"] };

        DockerfileChanges.Apply(config, ["USER ${U}:users", "ONBUILD RUN make", "onbuild COPY . /src", "STOPSIGNAL SIGQUIT"]);

        Assert.Equal("nobody:users", config.User);
        Assert.Equal(["RUN make", "COPY . /src"], config.OnBuild);
        Assert.Equal("SIGQUIT", config.StopSignal);
        Assert.Equal("9", Apply("STOPSIGNAL 9").StopSignal);
        Assert.Equal("rtmin+3", Apply("STOPSIGNAL rtmin+3").StopSignal);
    }

    [Theory]
    [InlineData("STOPSIGNAL SIGNOPE", "Invalid signal: SIGNOPE")]
    [InlineData("STOPSIGNAL 0", "Invalid signal: 0")]
    [InlineData("ONBUILD ONBUILD RUN x", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")]
    [InlineData("ONBUILD FROM alpine", "FROM isn't allowed as an ONBUILD trigger")]
    [InlineData("USER", "USER requires exactly one argument")]
    public void Bad_values_are_refused(string change, string message) => Assert.Equal(message, Error(change));

    [Fact]
    public void Healthcheck_takes_flags_and_the_cmd_or_none_forms()
    {
        var exec = Apply("HEALTHCHECK --interval=30s --timeout=1m30s --start-period=500ms --retries=3 CMD [\"curl\", \"-f\", \"localhost\"]").Healthcheck!;
        var shell = Apply("HEALTHCHECK CMD curl -f localhost || exit 1").Healthcheck!;
        var none = Apply("HEALTHCHECK NONE").Healthcheck!;

        Assert.Equal(["CMD", "curl", "-f", "localhost"], exec.Test);
        Assert.Equal((30_000_000_000L, 90_000_000_000L, 500_000_000L, 3), (exec.Interval, exec.Timeout, exec.StartPeriod, exec.Retries));
        Assert.Equal(["CMD-SHELL", "curl -f localhost || exit 1"], shell.Test);
        Assert.Equal(["NONE"], none.Test);
        Assert.Equal("Unknown flag: color", Error("HEALTHCHECK --color=red CMD x"));
        Assert.Equal("Unknown type \"PING\" in HEALTHCHECK (try CMD)", Error("HEALTHCHECK PING"));
        Assert.Equal("Interval \"interval\" cannot be less than 1ms", Error("HEALTHCHECK --interval=10us CMD x"));
    }

    [Theory]
    [InlineData("RUN echo hi", "RUN is not a valid change command")]
    [InlineData("from alpine", "from is not a valid change command")]
    [InlineData("ADD . /", "ADD is not a valid change command")]
    [InlineData("SHELL [\"/bin/bash\"]", "SHELL is not a valid change command")]
    public void Other_instructions_are_not_valid_changes(string change, string message) => Assert.Equal(message, Error(change));

    [Fact]
    public void Every_change_is_checked_before_any_is_applied()
    {
        var config = new ContainerConfig();

        Assert.Throws<BerthException>(() => DockerfileChanges.Apply(config, ["ENV A=1", "RUN x"]));

        Assert.Null(config.Env);
    }

    [Fact]
    public void A_change_may_span_lines_and_hold_comments()
    {
        var config = Apply("# a comment\nENV A=1 \\\n    B=2\n\n", "LABEL x=y");

        Assert.Equal(["A=1", "B=2"], config.Env);
        Assert.Equal("y", config.Labels!["x"]);
    }

    private static ContainerConfig Apply(params string[] changes)
    {
        var config = new ContainerConfig();
        DockerfileChanges.Apply(config, changes);
        return config;
    }

    private static string Error(string change)
    {
        var error = Assert.Throws<BerthException>(() => Apply(change));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        return error.Message;
    }
}
