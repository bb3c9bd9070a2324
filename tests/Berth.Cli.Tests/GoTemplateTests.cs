using System.Text.Json;
using Berth.Cli.Templates;

namespace Berth.Cli.Tests;

/// <summary>The Go text/template subset behind --format, evaluated over inspect JSON as docker evaluates it.</summary>
public sealed class GoTemplateTests
{
    private const string Inspect = """
        {"Id":"3f2a9c1b7d4e","Name":"/web","State":{"Status":"running","Running":true,"Pid":4242,"ExitCode":0},
         "Config":{"Hostname":"3f2a9c1b7d4e","Env":["PATH=/bin","A=1"],"Cmd":["sh","-c","echo hi"],"Labels":{"tier":"web","app":"x"},"Entrypoint":null},
         "NetworkSettings":{"IPAddress":"172.17.0.2","Networks":{"bridge":{"IPAddress":"172.17.0.2","Gateway":"172.17.0.1"}}},
         "Mounts":[{"Destination":"/data","RW":true},{"Destination":"/logs","RW":false}],
         "Size":7800000,"Ratio":1.5}
        """;

    [Theory]
    [InlineData("{{.Id}}", "3f2a9c1b7d4e")]
    [InlineData("{{.ID}}", "3f2a9c1b7d4e")]
    [InlineData("{{.State.Status}} {{.State.Pid}}", "running 4242")]
    [InlineData("{{.Config.Hostname}}", "3f2a9c1b7d4e")]
    [InlineData("{{.NetworkSettings.IPAddress}}", "172.17.0.2")]
    [InlineData("{{range .Mounts}}{{.Destination}} {{end}}", "/data /logs ")]
    [InlineData("{{range $i, $m := .Mounts}}{{$i}}={{$m.Destination}},{{end}}", "0=/data,1=/logs,")]
    [InlineData("{{json .Config.Labels}}", "{\"tier\":\"web\",\"app\":\"x\"}")]
    [InlineData("{{json .Config.Cmd}}", "[\"sh\",\"-c\",\"echo hi\"]")]
    [InlineData("{{.Config.Labels}}", "map[app:x tier:web]")]
    [InlineData("{{.Config.Cmd}}", "[sh -c echo hi]")]
    [InlineData("{{.Config.Entrypoint}}", "<nil>")]
    [InlineData("{{index .Config.Labels \"tier\"}}", "web")]
    [InlineData("{{index .Config.Labels \"nope\"}}", "")]
    [InlineData("{{index .NetworkSettings.Networks \"bridge\"}}", "map[Gateway:172.17.0.1 IPAddress:172.17.0.2]")]
    [InlineData("{{(index .NetworkSettings.Networks \"bridge\").IPAddress}}", "172.17.0.2")]
    [InlineData("{{index .Config.Cmd 1}}", "-c")]
    [InlineData("{{len .Mounts}} {{len .Name}}", "2 4")]
    [InlineData("{{if .State.Running}}up{{else}}down{{end}}", "up")]
    [InlineData("{{if eq .State.Status \"exited\"}}x{{else if eq .State.Status \"running\"}}r{{else}}?{{end}}", "r")]
    [InlineData("{{if ne .State.ExitCode 0}}failed{{end}}ok", "ok")]
    [InlineData("{{with .NetworkSettings}}{{.IPAddress}}{{end}}", "172.17.0.2")]
    [InlineData("{{range .Config.Env}}{{println .}}{{end}}", "PATH=/bin\nA=1\n")]
    [InlineData("{{printf \"%s:%d\" .Name .State.Pid}}", "/web:4242")]
    [InlineData("{{printf \"%-6s|%5d|%q\" \"ab\" 42 \"x\"}}", "ab    |   42|\"x\"")]
    [InlineData("{{upper .State.Status}} {{lower \"ABC\"}} {{title \"hello world\"}}", "RUNNING abc Hello World")]
    [InlineData("{{join .Config.Cmd \",\"}}", "sh,-c,echo hi")]
    [InlineData("{{split \"a:b:c\" \":\"}}", "[a b c]")]
    [InlineData("{{.Name | printf \"%s!\"}}", "/web!")]
    [InlineData("{{$n := .Name}}{{$n}}", "/web")]
    [InlineData("{{- .Name -}}  \n", "/web")]
    [InlineData("a {{/* a comment */}}b", "a b")]
    [InlineData("{{.Size}} {{.Ratio}}", "7800000 1.5")]
    [InlineData("{{and .State.Running .Name}} {{or \"\" \"x\"}} {{not true}}", "/web x false")]
    [InlineData("{{truncate .Id 5}} [{{pad \"x\" 1 2}}]", "3f2a9 [ x  ]")]
    [InlineData("{{range .Config.Labels}}{{.}};{{end}}", "x;web;")]
    [InlineData("{{range .Nothing}}x{{else}}empty{{end}}", "empty")]
    public void Evaluates_like_go(string template, string expected)
    {
        using var document = JsonDocument.Parse(Inspect.Replace("\"Nothing\"", "\"Nothing\"", StringComparison.Ordinal).Replace("\"Ratio\":1.5}", "\"Ratio\":1.5,\"Nothing\":[]}", StringComparison.Ordinal));

        Assert.Equal(expected, GoTemplate.Parse(template).Execute(document.RootElement));
    }

    [Fact]
    public void A_missing_field_is_an_error_naming_it()
    {
        using var document = JsonDocument.Parse(Inspect);

        var error = Assert.Throws<TemplateException>(() => GoTemplate.Parse("{{.Nope}}").Execute(document.RootElement));

        Assert.Equal("template: :1:2: executing \"\" at <.Nope>: map has no entry for key \"Nope\"", error.Message);
    }

    [Theory]
    [InlineData("{{.Name")]
    [InlineData("{{if .X}}")]
    [InlineData("{{nosuchfunc .}}")]
    [InlineData("{{end}}")]
    public void Bad_templates_do_not_parse(string template)
    {
        Assert.Throws<TemplateException>(() => GoTemplate.Parse(template));
    }

    [Fact]
    public void Row_objects_answer_fields_methods_and_json()
    {
        var row = new TemplateRow("*formatter.ContainerContext", new Dictionary<string, Func<object?>>
        {
            ["ID"] = () => "abc",
            ["Names"] = () => "web",
        }, (name, args) => name == "Label" && args is ["tier"] ? "front" : null);

        Assert.Equal("abc web front", GoTemplate.Parse("{{.ID}} {{.Names}} {{.Label \"tier\"}}").Execute(row));
        Assert.Equal("{\"ID\":\"abc\",\"Names\":\"web\"}", GoTemplate.Parse("{{json .}}").Execute(row));
        Assert.Throws<TemplateException>(() => GoTemplate.Parse("{{.Nope}}").Execute(row));
    }
}
