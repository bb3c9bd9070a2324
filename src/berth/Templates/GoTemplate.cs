using System.Text;

namespace Berth.Cli.Templates;

/// <summary>A parsed Go text/template with docker's functions, executed over JSON or template objects.</summary>
internal sealed class GoTemplate
{
    private readonly ListNode _root;
    private readonly TemplateFunctions _functions;

    private GoTemplate(ListNode root, TemplateFunctions functions)
    {
        _root = root;
        _functions = functions;
    }

    public static GoTemplate Parse(string text, TemplateFunctions? functions = null)
    {
        functions ??= TemplateFunctions.Docker;
        return new GoTemplate(TemplateParser.Parse(text, functions.Names), functions);
    }

    public string Execute(object? data) => Execute(data, _functions);

    /// <summary>Executes with other functions of the same names (docker's table headers).</summary>
    public string Execute(object? data, TemplateFunctions functions)
    {
        var output = new StringBuilder();
        new TemplateEvaluator(functions, output).Execute(_root, data);
        return output.ToString();
    }
}
