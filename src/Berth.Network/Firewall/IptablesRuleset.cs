namespace Berth.Network.Firewall;

/// <summary>One rule of <c>iptables-save</c> output: its table and chain, and its text after <c>-A CHAIN </c>.</summary>
internal sealed record IptablesRule
{
    public IptablesRule(string table, string chain, string text)
    {
        Table = table;
        Chain = chain;
        Text = text;
        var tokens = IptablesTokens.Split(text);
        Comment = ValueOf(tokens, "--comment");
        Target = ValueOf(tokens, "-j");
    }

    public string Table { get; }

    public string Chain { get; }

    public string Text { get; }

    /// <summary>The value of <c>-m comment --comment</c>, unquoted, or null.</summary>
    public string? Comment { get; }

    /// <summary>The jump target (<c>-j X</c>), or null.</summary>
    public string? Target { get; }

    private static string? ValueOf(List<string> tokens, string option)
    {
        var index = tokens.IndexOf(option);
        return index >= 0 && index + 1 < tokens.Count ? tokens[index + 1] : null;
    }
}

/// <summary>The rules of every table as <c>iptables-save</c> printed them, in order.</summary>
internal sealed class IptablesRuleset
{
    private IptablesRuleset(List<IptablesRule> rules, HashSet<(string Table, string Chain)> chains)
    {
        Rules = rules;
        Chains = chains;
    }

    public IReadOnlyList<IptablesRule> Rules { get; }

    /// <summary>The chains declared in each table, builtin and user-defined.</summary>
    public IReadOnlySet<(string Table, string Chain)> Chains { get; }

    public static IptablesRuleset Parse(string save)
    {
        var rules = new List<IptablesRule>();
        var chains = new HashSet<(string, string)>();
        var table = "";
        foreach (var raw in save.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith('*'))
            {
                table = line[1..];
            }
            else if (line.StartsWith(':'))
            {
                chains.Add((table, line[1..].Split(' ', 2)[0]));
            }
            else if (line.StartsWith("-A ", StringComparison.Ordinal))
            {
                var parts = line[3..].Split(' ', 2);
                rules.Add(new IptablesRule(table, parts[0], parts.Length > 1 ? parts[1] : ""));
            }
        }

        return new IptablesRuleset(rules, chains);
    }
}

/// <summary>Splits a rule into words the way iptables does: double quotes group, a backslash escapes.</summary>
internal static class IptablesTokens
{
    public static List<string> Split(string text)
    {
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                current.Append(text[++i]);
                any = true;
            }
            else if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (any)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                    any = false;
                }
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }

        if (any)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }
}
