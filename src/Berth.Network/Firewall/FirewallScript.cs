using System.Text;

namespace Berth.Network.Firewall;

/// <summary>
/// Writes the <c>iptables-restore --noflush</c> input for a change. Rules are grouped by their tag (one
/// container's, or one network's); a change replaces whole groups, and a group whose rules are already
/// there, in order, is left alone. Adding only appends, which nf_tables commits in about a millisecond;
/// deleting makes the kernel wait for an RCU grace period (15-25 ms), so nothing is deleted needlessly.
/// The kernel stays the only state: what is there now comes from <c>iptables-save</c>.
/// </summary>
internal static class FirewallScript
{
    private static readonly string[] Tables = [FirewallChains.Nat, FirewallChains.Filter];

    /// <summary>Gives each tag in <paramref name="changes"/> exactly its listed rules (none removes the group). Null when nothing changes.</summary>
    public static string? Update(IptablesRuleset current, FirewallChains chains, IReadOnlyDictionary<string, IReadOnlyList<ChainRule>> changes)
    {
        var adding = changes.Values.Any(rules => rules.Count > 0);
        var script = new StringBuilder();
        foreach (var table in Tables)
        {
            var lines = new StringBuilder();
            if (adding)
            {
                foreach (var (_, chain) in chains.Owned.Where(c => c.Table == table && !current.Chains.Contains(c)))
                {
                    lines.Append(':').Append(chain).Append(" - [0:0]\n");
                }

                foreach (var hook in chains.Hooks.Where(h => h.Table == table && !HasHook(current, h)))
                {
                    lines.Append("-I ").Append(hook.Chain).Append(' ').Append(hook.Text).Append('\n');
                }
            }

            foreach (var (tag, rules) in changes)
            {
                var existing = current.Rules.Where(r => r.Table == table && chains.IsOwned(table, r.Chain) && r.Comment == tag).ToList();
                var wanted = rules.Where(r => r.Table == table).ToList();
                if (SameRules(existing.Select(r => (r.Chain, r.Text)), wanted.Select(r => (r.Chain, r.Text))))
                {
                    continue;
                }

                foreach (var rule in existing)
                {
                    lines.Append("-D ").Append(rule.Chain).Append(' ').Append(rule.Text).Append('\n');
                }

                foreach (var rule in wanted)
                {
                    lines.Append("-A ").Append(rule.Chain).Append(' ').Append(rule.Text).Append('\n');
                }
            }

            if (lines.Length > 0)
            {
                script.Append('*').Append(table).Append('\n').Append(lines).Append("COMMIT\n");
            }
        }

        return script.Length == 0 ? null : script.ToString();
    }

    /// <summary>Deletes every jump into Berth's chains, then the chains. Null when none of it exists.</summary>
    public static string? RemoveAll(IptablesRuleset current, FirewallChains chains)
    {
        var script = new StringBuilder();
        foreach (var table in Tables)
        {
            var owned = chains.Owned.Where(c => c.Table == table).Select(c => c.Chain).ToHashSet();
            var present = owned.Where(c => current.Chains.Contains((table, c))).ToList();
            var jumps = current.Rules
                .Where(r => r.Table == table && !owned.Contains(r.Chain) && r.Target is { } t && owned.Contains(t))
                .ToList();
            if (present.Count == 0 && jumps.Count == 0)
            {
                continue;
            }

            script.Append('*').Append(table).Append('\n');
            foreach (var jump in jumps)
            {
                script.Append("-D ").Append(jump.Chain).Append(' ').Append(jump.Text).Append('\n');
            }

            // Declaring a chain in --noflush mode flushes it, which drops the jumps between Berth's own chains.
            foreach (var chain in present)
            {
                script.Append(':').Append(chain).Append(" - [0:0]\n");
            }

            foreach (var chain in present)
            {
                script.Append("-X ").Append(chain).Append('\n');
            }

            script.Append("COMMIT\n");
        }

        return script.Length == 0 ? null : script.ToString();
    }

    /// <summary>The same rules in the same order within each chain (iptables-save lists chains in its own order).</summary>
    private static bool SameRules(IEnumerable<(string Chain, string Text)> a, IEnumerable<(string Chain, string Text)> b) =>
        a.OrderBy(r => r.Chain, StringComparer.Ordinal).SequenceEqual(b.OrderBy(r => r.Chain, StringComparer.Ordinal));

    private static bool HasHook(IptablesRuleset current, ChainRule hook)
    {
        var target = IptablesTokens.Split(hook.Text)[^1];
        return current.Rules.Any(r => r.Table == hook.Table && r.Chain == hook.Chain && r.Target == target);
    }
}
